"""The label facts printed on a pack (brand, name, net quantity, MRP, FSSAI, dates, maker), read from a photo.

:func:`read` runs OCR (PP-OCRv4 in ONNX, numpy and Pillow only) and returns an :class:`OcrResult`;
:func:`extract` turns OCR lines or typed text into :class:`PackFacts`. :data:`BRANDS` is the built-in
brand list that extraction matches against. Without the OCR models :func:`read` returns no lines and
says why; extraction is rules and always works.
"""

from app.ml.packtext._brands import BRANDS
from app.ml.packtext._facts import PackFacts, extract, read
from app.ml.packtext._ocr import OcrLine, OcrResult

__all__ = ["BRANDS", "OcrLine", "OcrResult", "PackFacts", "extract", "read"]
