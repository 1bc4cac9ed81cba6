"""Short forms of place names: the rules by which 杭州市 is written 杭州 and 广西壮族自治区 广西.

People rarely write a division's full name: titles, issuing bodies and tables use the name
without its administrative suffix (杭州 for 杭州市, 长兴 for 长兴县), and autonomous
divisions without the names of their peoples (昌吉回族自治州 → 昌吉州 or 昌吉, 广西壮族自治区
→ 广西). :func:`short_forms` derives these by rule, for the bundled divisions (the generator
``scripts/generate_divisions.py`` records them in ``data/divisions.tsv``) and for places
that plugins contribute. A short form keeps at least two characters (沙县 has none: 沙 alone
names nothing), and a form that would end in a word such as 矿 or 新 is not made (井陉矿区
is not 井陉矿).
"""

from __future__ import annotations

__all__ = ["PEOPLES", "short_forms", "strip_peoples"]

# The names of China's peoples as autonomous divisions write them, longest first so that
# 达斡尔 is stripped before a shorter name could match its tail. Division names write most
# with 族 (壮族, 回族) but some without (维吾尔, 哈萨克, 柯尔克孜, 蒙古); both are stripped.
_PEOPLE_NAMES = (
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各族",
)
PEOPLES = tuple(sorted(_PEOPLE_NAMES, key=len, reverse=True))

# Suffixes by which a division's kind is written, longest first. The value says whether the
# stem is then cleaned of peoples' names (autonomous divisions) and which suffix the short
# form keeps (昌吉州 keeps 州; a short form without any suffix is always made too).
_SUFFIXES: tuple[tuple[str, bool, str], ...] = (
    ("特别行政区", False, ""),
    ("自治区", True, ""),
    ("自治州", True, "州"),
    ("自治县", True, "县"),
    ("自治旗", True, "旗"),
    ("地区", False, ""),
    ("林区", False, ""),
    ("特区", False, ""),
    ("新区", False, ""),
    ("省", False, ""),
    ("市", False, ""),
    ("盟", False, ""),
    ("县", False, ""),
    ("旗", False, ""),
    ("区", False, ""),
)

# A stem ending in one of these is no name on its own (井陉矿区 → 井陉矿, 某某新区 → 某某新).
_NO_STEM_END = ("矿", "新", "郊")

_MIN_STEM = 2


def strip_peoples(stem: str) -> str:
    """``stem`` without the peoples' names at its end (黔东南苗族侗族 → 黔东南).

    Names are stripped only while at least two characters remain, so 内蒙古 stays whole.
    """
    current = stem
    changed = True
    while changed:
        changed = False
        for people in PEOPLES:
            for written in (f"{people}族", people):
                if current.endswith(written) and len(current) - len(written) >= _MIN_STEM:
                    current = current[: -len(written)]
                    changed = True
                    break
            if changed:
                break
    return current


def _people_only(stem: str) -> str | None:
    """The people's name when ``stem`` is nothing else (鄂温克族 → 鄂温克), else None."""
    for people in PEOPLES:
        if stem in (people, f"{people}族"):
            return people
    return None


def short_forms(name: str) -> tuple[str, ...]:
    """The shorter names ``name`` is written by, most specific first; never ``name`` itself.

    >>> short_forms("昌吉回族自治州")
    ('昌吉州', '昌吉')
    >>> short_forms("广西壮族自治区")
    ('广西',)
    >>> short_forms("鄂温克族自治旗")
    ('鄂温克旗',)
    >>> short_forms("沙县")
    ()
    """
    for suffix, autonomous, keep in _SUFFIXES:
        if not name.endswith(suffix) or len(name) == len(suffix):
            continue
        stem = name[: -len(suffix)]
        forms: list[str] = []
        if autonomous:
            people = _people_only(stem)
            if people is not None:
                # 鄂温克族自治旗 is written 鄂温克旗: the people's name is the only stem.
                return (f"{people}{keep}",) if keep and len(people) >= _MIN_STEM else ()
            stem = strip_peoples(stem)
            if keep:
                forms.append(f"{stem}{keep}")
        if len(stem) >= _MIN_STEM and not stem.endswith(_NO_STEM_END):
            forms.append(stem)
        return tuple(dict.fromkeys(f for f in forms if f != name))
    return ()
