"""On-device intelligence: pure predict functions over numpy and onnxruntime.

``app.ml`` imports ``app.domain`` (and the kernel modules ``app.errors``, ``app.i18n``, ``app.paths``) only.
Models are files under ``resources/models``, loaded lazily; every model has a rule-based fallback,
so the app keeps working when a model file is missing or damaged.

Each capability is a package whose ``__init__`` is its public face (``__all__``); the modules with a
leading underscore inside are its internals:

- :mod:`app.ml.vision` — photo tagging (EfficientNet-Lite0, few-shot index) and the rule-based photo
  checks: quality, product box, colours, the white-background marketplace image.
- :mod:`app.ml.packtext` — the label facts on a pack: OCR (PP-OCRv4) and the extraction rules, brands.
- :mod:`app.ml.text` — e5 text embeddings for search, their trigram fallback, romanising Devanagari.
- :mod:`app.ml.forecast` — demand forecasting (see ``docs/forecasting.md``).

Shared by them: :mod:`app.ml.runtime` (model files, the cached onnxruntime sessions, threads) and
:mod:`app.ml.images` (opening a photo upright in RGB, connected regions of a mask).
"""
