"""On-device intelligence: pure predict functions over numpy and onnxruntime.

``app.ml`` imports ``app.domain`` (and the kernel modules ``app.errors`` and ``app.i18n``) only.
Models are files under ``resources/models``, loaded lazily; every model has a rule-based fallback,
so the app keeps working when a model file is missing or damaged.

Demand forecasting lives in :mod:`app.ml.forecast` (see ``docs/forecasting.md``).
"""
