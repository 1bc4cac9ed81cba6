"""A deterministic, national-scale synthetic corpus of plan files for the benchmarks.

One national plan, 31 provincial, about 330 prefecture and about 2,850 county-level plans for
2021-2025, each with 15-25 indicators whose names come from a table of real civil-affairs
indicators (resolved to catalog codes at generation time when the catalog knows them). Each
child is based on its parent; about one target in thirty is deliberately looser than the
parent's, so the cross-level rules have real work to report.

The jurisdictions are synthetic, so nothing here can be mistaken for a real plan.

Run ``python benchmarks/corpus.py OUT_DIR [--fraction 0.1]``.
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from minzheng_plans.core.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Observation,
    Period,
    Plan,
    PlanRef,
)
from minzheng_plans.core.quantity import Comparator, Comparison, Range
from minzheng_plans.files.planfile import dumps_plan

PROVINCES = 31
PREFECTURES_PER_PROVINCE = (10, 13)  # 31 x 11.5 on average: 362 with the default seed
COUNTIES_PER_PREFECTURE = (7, 9)  # 8 each on average: 2,867 with the default seed
# Codes keep the six-digit GB/T 2260 shape under the unused 9xxxxx range (9 PP CC N), so they
# can never collide with a real jurisdiction or a bundled plan; the national plan is 900000.
INDICATORS_PER_PLAN = (15, 25)
LOOSER_THAN_PARENT = 1 / 30
SEED = 20211231


class Template(NamedTuple):
    """An indicator as plans write it: name, unit, a plausible 2020 range, the usual target."""

    name: str
    unit: str
    low: Decimal
    high: Decimal
    step: Decimal  # how much the 2025 target usually moves from the baseline
    binding: bool
    higher_is_better: bool = True


def _t(name: str, unit: str, low: str, high: str, step: str, *, binding: bool = False) -> Template:
    return Template(name, unit, Decimal(low), Decimal(high), Decimal(step), binding)


TEMPLATES: tuple[Template, ...] = (
    _t("养老机构护理型床位占比", "%", "30", "50", "10", binding=True),
    _t("每千名老年人拥有养老床位数", "张/千名老年人", "25", "40", "3"),
    _t("特殊困难老年人月探访率", "%", "60", "95", "10", binding=True),
    _t("街道综合功能养老服务机构覆盖率", "%", "40", "80", "15"),
    _t("农村低保标准占城市低保标准比例", "%", "65", "80", "4"),
    _t("社区综合服务设施覆盖率", "%", "80", "100", "3"),
    _t("城市社区综合服务设施覆盖率", "%", "85", "100", "2"),
    _t("农村社区综合服务设施覆盖率", "%", "60", "90", "10"),
    _t("每万人拥有社会组织数", "个/万人", "5", "12", "1.5"),
    _t("每万人拥有持证社会工作者数量", "人/万人", "3", "10", "2"),
    _t("乡镇(街道)社会工作服务站覆盖率", "%", "50", "90", "20", binding=True),
    _t("乡镇(街道)未成年人保护工作站覆盖率", "%", "20", "60", "30", binding=True),
    _t("儿童福利机构集中养育孤儿基本生活最低养育标准", "元/人·月", "1200", "1800", "200"),
    _t("社会散居孤儿基本生活最低养育标准", "元/人·月", "900", "1300", "150"),
    _t("城市低保标准", "元/人·月", "550", "900", "80"),
    _t("农村低保标准", "元/人·年", "4800", "8000", "900"),
    _t("困难残疾人生活补贴和重度残疾人护理补贴覆盖率", "%", "95", "100", "1", binding=True),
    _t("县级殡仪馆覆盖率", "%", "85", "100", "5"),
    _t("婚姻登记机构等级评定达标率", "%", "60", "95", "10"),
    _t("志愿者注册人数占居民人口比例", "%", "10", "20", "3"),
    _t("城乡社区居委会依法自治达标率", "%", "80", "98", "4"),
    _t("社会工作专业人才数", "人", "50", "5000", "300"),
    _t("新增养老服务床位", "张", "100", "6000", "500"),
    _t("社区志愿服务站数", "个", "10", "300", "30"),
    _t("居民人均慈善捐赠额", "元", "20", "120", "20"),
)


def _code_for(name: str) -> str | None:
    """The catalog code for ``name`` when the bundled catalog matches it exactly or normalised."""
    try:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415
    except ImportError:  # before the catalog exists: plans without codes still benchmark loading
        return None
    match = default_catalog().match(name)
    return match.entry.code if match.entry is not None and match.how != "none" else None


class _Writer:
    def __init__(self, out: Path, rng: random.Random, codes: dict[str, str | None]) -> None:
        self.out = out
        self.rng = rng
        self.codes = codes
        self.count = 0

    def plan(
        self, jurisdiction: Jurisdiction, parent: Plan | None, templates: list[Template]
    ) -> Plan:
        parent_targets = {
            ind.name: ind.target for ind in (parent.indicators if parent else ()) if ind.target
        }
        indicators = []
        for k, template in enumerate(templates, start=1):
            indicators.append(self._indicator(k, template, parent_targets.get(template.name)))
        plan_id = f"{jurisdiction.code}-2021-2025"
        plan = Plan(
            id=plan_id,
            title=f"{jurisdiction.name}“十四五”民政事业发展规划",
            jurisdiction=jurisdiction,
            period=Period(2021, 2025),
            issuers=(f"{jurisdiction.name}人民政府",),
            based_on=(PlanRef(parent.title, parent.id),) if parent else (),
            indicators=tuple(indicators),
        )
        (self.out / f"{plan_id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
        self.count += 1
        return plan

    def _indicator(self, k: int, template: Template, parent_target: object) -> Indicator:
        rng = self.rng
        span = template.high - template.low
        baseline = template.low + span * Decimal(rng.randint(0, 100)) / 100
        baseline = baseline.quantize(Decimal("0.1"))
        target_value = (baseline + template.step).quantize(Decimal("0.1"))
        if template.unit == "%":
            target_value = min(target_value, Decimal(100))
        if isinstance(parent_target, Comparison):
            # A child is at least as strict as its parent, except for the planted violations.
            looser = rng.random() < LOOSER_THAN_PARENT
            target_value = (
                parent_target.value - template.step / 2
                if looser
                else max(target_value, parent_target.value)
            )
        target: Comparison | Range
        if template.unit == "张/千名老年人" and rng.random() < 0.3:
            target = Range(2025, target_value, target_value + 5)
        else:
            comparator = Comparator.GE if rng.random() < 0.6 else Comparator.EQ
            target = Comparison(2025, target_value, comparator)
        return Indicator(
            id=f"t1.{k}",
            name=template.name,
            unit=template.unit,
            code=self.codes[template.name],
            attribute=Attribute.BINDING if template.binding else Attribute.ANTICIPATORY,
            baseline=Observation(2020, baseline),
            target=target,
        )


def generate(out: Path, fraction: float = 1.0, seed: int = SEED) -> int:
    """Write the corpus (or the first ``fraction`` of its provinces' subtrees); return the count."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    writer = _Writer(out, rng, {t.name: _code_for(t.name) for t in TEMPLATES})

    def pick() -> list[Template]:
        return rng.sample(TEMPLATES, rng.randint(*INDICATORS_PER_PLAN))

    national = writer.plan(Jurisdiction("900000", "澜国", Level.NATIONAL), None, list(TEMPLATES))
    provinces = max(1, round(PROVINCES * fraction))
    for p in range(1, provinces + 1):
        province = Jurisdiction(f"9{p:02d}000", f"澜{p}省", Level.PROVINCIAL, parent="900000")
        province_plan = writer.plan(province, national, pick())
        for c in range(1, rng.randint(*PREFECTURES_PER_PROVINCE) + 1):
            city = Jurisdiction(
                f"9{p:02d}{c:02d}0", f"澜{p}省{c}市", Level.PREFECTURE, parent=province.code
            )
            city_plan = writer.plan(city, province_plan, pick())
            for n in range(1, rng.randint(*COUNTIES_PER_PREFECTURE) + 1):
                county = Jurisdiction(
                    f"9{p:02d}{c:02d}{n}",
                    f"澜{p}省{c}市{n}县",
                    Level.COUNTY,
                    parent=city.code,
                )
                writer.plan(county, city_plan, pick())
    return writer.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print(generate(args.out, args.fraction, args.seed), "plans written to", args.out)


if __name__ == "__main__":
    main()
