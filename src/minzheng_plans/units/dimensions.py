"""Dimension inference for parsed formulas: what ``社会组织总数/常住人口数×10000`` measures.

:func:`infer_dimension` gives the dimension of a formula tree from a hint per name (by default
:func:`guess_dimension`, which reads the head noun of a Chinese name: ``常住人口数`` counts
people, ``护理型床位数`` beds); :meth:`Dimension.unit_text` names the unit the formula implies
(``个/万人``) so the unit layer can compare it with a unit column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from fractions import Fraction

import attrs

from minzheng_plans.core.errors import FormulaDimensionError, FormulaError
from minzheng_plans.units.formula import (
    Formula,
    Name,
    Negate,
    Node,
    Number,
    Percent,
    Product,
    Sum,
    render,
)

__all__ = [
    "Dimension",
    "NameHints",
    "guess_dimension",
    "infer_dimension",
    "is_measurable_name",
]


def _exponents(items: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((k, v) for k, v in items.items() if v))


_SCALE_WORDS = {
    Fraction(1): "",
    Fraction(10): "十",
    Fraction(100): "百",
    Fraction(1000): "千",
    Fraction(10000): "万",
    Fraction(100000): "十万",
    Fraction(1000000): "百万",
    Fraction(100000000): "亿",
}


@attrs.frozen
class Dimension:
    """Exponents of base quantities (``{"个": 1, "人": -1}``) and a scale the formula applies.

    Base quantities are unit symbols of the project registry's counting dimensions (人 people,
    张 beds, 户 households, 个 items, 元 money, 平方米 area). ``scale`` is the number a formula
    multiplies by: ``a/b×10000`` has scale 10000, i.e. it is stated per ten thousand.
    """

    exponents: tuple[tuple[str, int], ...] = ()
    scale: Fraction = Fraction(1)

    @classmethod
    def of(cls, symbol: str) -> Dimension:
        return cls(((symbol, 1),))

    @property
    def dimensionless(self) -> bool:
        return not self.exponents

    def __mul__(self, other: Dimension) -> Dimension:
        merged = dict(self.exponents)
        for key, value in other.exponents:
            merged[key] = merged.get(key, 0) + value
        return Dimension(_exponents(merged), self.scale * other.scale)

    def __truediv__(self, other: Dimension) -> Dimension:
        inverted = Dimension(tuple((k, -v) for k, v in other.exponents), 1 / other.scale)
        return self * inverted

    def unit_text(self) -> str | None:
        """The unit a value of this dimension is stated in (``个/万人``, ``%``, ``""``).

        ``None`` when no single unit text says it (two numerator quantities, odd scales).
        """
        if self.dimensionless:
            return {Fraction(1): "", Fraction(100): "%", Fraction(1000): "‰"}.get(self.scale)
        top = [k for k, v in self.exponents if v == 1]
        bottom = [k for k, v in self.exponents if v == -1]
        if len(top) + len(bottom) != len(self.exponents) or len(top) != 1 or len(bottom) > 1:
            return None
        if not bottom:
            return top[0] if self.scale == 1 else None
        word = _SCALE_WORDS.get(self.scale)
        return None if word is None else f"{top[0]}/{word}{bottom[0]}"

    def __str__(self) -> str:
        text = self.unit_text()
        if text is not None:
            return text or "1"
        parts = "·".join(k if v == 1 else f"{k}^{v}" for k, v in self.exponents) or "1"
        return parts if self.scale == 1 else f"{self.scale}×{parts}"


NameHints = Callable[[str], Dimension | None] | Mapping[str, Dimension]


def infer_dimension(formula: Formula | Node, hints: NameHints | None = None) -> Dimension | None:
    """The dimension of a formula, or ``None`` when a name's dimension is unknown.

    ``hints`` maps a name to its dimension (a mapping or a function); by default
    :func:`guess_dimension`. Adding quantities of different dimensions raises
    :class:`~minzheng_plans.core.errors.FormulaDimensionError`.
    """
    root = formula.root if isinstance(formula, Formula) else formula
    text = formula.text if isinstance(formula, Formula) else render(root)
    if hints is None:
        lookup: Callable[[str], Dimension | None] = guess_dimension
    elif isinstance(hints, Mapping):
        lookup = hints.get
    else:
        lookup = hints
    return _dimension(root, lookup, text)


def _dimension(
    node: Node, lookup: Callable[[str], Dimension | None], text: str
) -> Dimension | None:
    match node:
        case Number(value=value):
            return Dimension(scale=Fraction(value))
        case Name(text=name):
            return lookup(name)
        case Percent(operand=operand):
            inner = _dimension(operand, lookup, text)
            return None if inner is None else Dimension(inner.exponents, inner.scale / 100)
        case Negate(operand=operand):
            return _dimension(operand, lookup, text)
        case Sum(terms=terms):
            dims = [_dimension(term, lookup, text) for _sign, term in terms]
            known = [d for d in dims if d is not None]
            if len({d.exponents for d in known}) > 1:
                shown = " + ".join(str(Dimension(d.exponents)) for d in known)
                raise FormulaDimensionError(text, f"terms of one dimension, not {shown}")
            if len(known) < len(dims):
                return None
            # A bare number added to a term is a value, not a scale: only terms say the scale.
            scales = {
                d.scale for d, (_, t) in zip(known, terms, strict=True) if not isinstance(t, Number)
            }
            return Dimension(known[0].exponents, scales.pop() if len(scales) == 1 else Fraction(1))
        case Product(factors=factors):
            result = Dimension()
            unknown = False
            for op, factor in factors:
                dim = _dimension(factor, lookup, text)
                if dim is None:
                    unknown = True
                    continue
                if op == "/":
                    if dim.scale == 0:
                        raise FormulaError(text, "a divisor other than zero")
                    result /= dim
                else:
                    result *= dim
            return None if unknown else result
    msg = f"not a formula node: {node!r}"  # pragma: no cover - the union is closed
    raise TypeError(msg)


# Head nouns of Chinese indicator names and the counting unit they are measured in. A name's
# head is at its end (常住人口数 → 人口), after a generic count suffix is taken off.
_HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "人",
            "人口",
            "人员",
            "员",
            "者",
            "老人",
            "儿童",
            "孤儿",
            "对象",
            "居民",
            "社工",
            "人才",
            "会员",
            "志愿者",
        ],
        "人",
    ),
    **dict.fromkeys(["床位", "床", "养老床位"], "张"),
    **dict.fromkeys(["户", "家庭", "住户"], "户"),
    **dict.fromkeys(
        [
            "组织",
            "社会组织",
            "机构",
            "乡镇",
            "镇",
            "街道",
            "村",
            "社区",
            "村居",
            "点",
            "站",
            "中心",
            "设施",
            "基地",
            "项目",
            "单位",
            "基金会",
            "公墓",
            "墓地",
            "个",
        ],
        "个",
    ),
    **dict.fromkeys(
        [
            "收入",
            "支出",
            "标准",
            "资金",
            "金额",
            "经费",
            "费用",
            "补贴",
            "投入",
            "捐赠额",
            "消费支出",
            "元",
        ],
        "元",
    ),
    **dict.fromkeys(["面积", "建筑面积", "用房面积"], "平方米"),
}
_COUNT_SUFFIXES = ("总数", "数量", "总量", "数")
# Endings that say a name measures something even when its head is not in the table above.
_MEASURE_ENDINGS = (
    *_COUNT_SUFFIXES,
    "量",
    "额",
    "率",
    "比",
    "比例",
    "比重",
    "占比",
    "值",
    "次",
    "人次",
    "天数",
    "时长",
    "水平",
)
_LONGEST_HEAD = max(len(k) for k in _HEADS)


def _strip_count_suffix(name: str) -> str:
    for suffix in _COUNT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


_QUALIFIER = re.compile(r"[(（][^()（）]*[)）]")


def guess_dimension(name: str) -> Dimension | None:
    """The dimension a Chinese quantity name counts, read from its head noun, or ``None``.

    ``常住人口数`` → 人, ``护理型床位数`` → 张, ``全区家庭总数`` → 户, ``社会组织总数`` → 个,
    ``政府补助收入`` → 元. Names ending in 率/比例 (already ratios) or unknown heads give
    ``None``: a guess is only made where the head is unambiguous.
    """
    head = _strip_count_suffix(_QUALIFIER.sub("", name).strip())
    for length in range(min(_LONGEST_HEAD, len(head)), 0, -1):
        unit = _HEADS.get(head[-length:])
        if unit is not None:
            return Dimension.of(unit)
    return None


def is_measurable_name(name: str) -> bool:
    """Whether a name denotes something that can be counted or measured."""
    bare = _QUALIFIER.sub("", name).strip()
    return guess_dimension(bare) is not None or bare.endswith(_MEASURE_ENDINGS)
