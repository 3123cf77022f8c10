"""``python -m app onboard PHOTO... [--price P] [--name N] [--fact KEY=VALUE ...] [--out DIR] --json``

Runs the product onboarding agent on one product's photos (1 to 5) and prints the listing and its
``missing`` list: the questions to answer (with ``--fact``) before the listing is complete. Uses the
shop's GST rate table and brands when the shop exists, else the rate table shipped with the app.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app import onboarding
from app.commands import common
from app.domain.money import parse_inr
from app.errors import AppError, InputError
from app.i18n import _
from app.ml import vision
from app.ml.images import load_image
from app.paths import DataDir
from app.store import catalog as catalog_store
from app.store import photos as photo_store
from app.store import shop as shop_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("onboard", help=_("make a marketplace listing from product photos"),
                                   description=__doc__.splitlines()[0], parents=[common.common_options()])
    parser.add_argument("photos", nargs="+", metavar="PHOTO", help=_("1 to 5 photos of one product"))
    parser.add_argument("--price", default=None, help=_("your selling price, e.g. 25 or 24.50"))
    parser.add_argument("--name", default=None, help=_("the product's name, if you want to set it"))
    parser.add_argument("--fact", action="append", default=[], metavar="KEY=VALUE",
                        help=_("answer a question from 'missing', e.g. --fact mrp=25 (keys: {keys})").format(
                            keys=", ".join(onboarding.FACT_KEYS)))
    parser.add_argument("--marketplace", action="append", choices=onboarding.rules.MARKETPLACES, default=None,
                        help=_("check the rules of these marketplaces only (default: all)"))
    parser.add_argument("--out", type=Path, default=None, help=_("folder to write the processed images to"))
    parser.set_defaults(handler=run)

    confirm = subparsers.add_parser(
        "onboard-confirm", parents=[common.common_options()],
        help=_("tell the photo tagger what a product photo shows, so it learns this shop's goods"))
    confirm.add_argument("photos", nargs="+", metavar="PHOTO")
    confirm.add_argument("--category", required=True, help=_("the category code, e.g. biscuits"))
    confirm.add_argument("--sku", default=None, help=_("the item the photos show, if it is in the catalog"))
    confirm.set_defaults(handler=run_confirm)


def _facts(pairs: list[str]) -> dict[str, str]:
    facts = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower()
        if not sep or key not in onboarding.FACT_KEYS:
            raise InputError(_("'{fact}' is not a fact we can use.").format(fact=pair),
                             hint=_("Write it as KEY=VALUE with one of: {keys}.").format(
                                 keys=", ".join(onboarding.FACT_KEYS)))
        facts[key] = value.strip()
    return facts


def _shop_context(args: argparse.Namespace, data: DataDir):
    """(rate look-up, catalog brands, seller's FSSAI number, confirmed-photo index) from the shop if it
    exists, else the shipped table and no index."""
    try:
        exists = data.shop_db(common.shop_name(args, data)).exists()
    except AppError:
        exists = False
    if not exists:
        return onboarding.shipped_rates(), [], None, None
    from app.services import taxes

    with common.session(args, data) as opened:
        table = taxes.rate_table(opened.store)
        db = opened.store.db()
        brands = catalog_store.brands(db)
        fssai = shop_store.fssai_no(db)
        confirmed = photo_store.rows(db, vision.MODEL)
    index = vision.FewShotIndex.from_rows(confirmed) if confirmed else None
    if not table.rates:
        return onboarding.shipped_rates(), brands, fssai, index
    return table.lookup, brands, fssai, index


def run(args: argparse.Namespace, data: DataDir) -> int:
    """Print the listing (text, or JSON with --json); exit 0 whenever a listing was made, complete or not:
    ``ready`` and ``missing`` in it say whether it can be published."""
    price = parse_inr(args.price) if args.price is not None else None
    seller = onboarding.SellerInput(price_paise=price, name=args.name, facts=_facts(args.fact))
    rates, brands, fssai, index = _shop_context(args, data)
    listing = onboarding.onboard([Path(p) for p in args.photos], seller, rates=rates, brands=brands, index=index,
                                 shop_fssai=fssai, names=[Path(p).name for p in args.photos],
                                 marketplaces=tuple(args.marketplace or onboarding.rules.MARKETPLACES))
    paths: dict[int, str] = {}
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, image in enumerate(listing.images):
            target = args.out / f"{i + 1:02d}-{image.role}-photo{image.photo}.jpg"
            target.write_bytes(image.jpeg)
            paths[i] = str(target)
    if args.json:
        print(json.dumps(listing.to_json(paths), ensure_ascii=False, indent=2))
    else:
        print(listing.title or _("(no title yet)"))
        for item in listing.missing:
            print(f"  ? {item.question}")
        for issue in listing.compliance:
            if issue.blocking:
                print(f"  ! [{issue.marketplace}] {issue.message}")
        for note in listing.confirm:
            print(f"  - {note}")
    return 0


def run_confirm(args: argparse.Namespace, data: DataDir) -> int:
    """Keep each photo's features under the confirmed category (a photo too poor to learn from is refused)."""
    import hashlib

    from app.services import photos as photo_service

    learned = []
    with common.session(args, data) as opened:
        for name in args.photos:
            path = Path(name)
            loaded = load_image(path, name=path.name)
            tags = vision.tag(loaded.image)
            if tags.features is None:
                raise InputError(_("The photo model is not available, so photos cannot be learned from."),
                                 hint=tags.fallback or "")
            if not tags.quality.ok:
                raise InputError(_("{name} is too poor to learn from: {why}").format(
                    name=path.name, why="; ".join(issue.message for issue in tags.quality.issues)))
            key = hashlib.sha256(path.read_bytes()).hexdigest()
            photo_service.confirm_photo(opened.ctx, photo_key=key, category=args.category, sku=args.sku,
                                        vector=vision.FewShotIndex.encode(tags.features), model=vision.MODEL)
            learned.append({"photo": str(path), "key": key})
        total = photo_store.count(opened.store.db())
    common.emit(args, {"confirmed": learned, "photos_known": total},
                _("{n} photo(s) confirmed as {category}; the shop now knows {total}.").format(
                    n=len(learned), category=args.category, total=total))
    return 0
