"""Every Chinese and English string of the comparison, evaluation, diff and chart reports.

Kept in one table so that a translation is reviewed in one place and a missing language is
caught by a test (``tests/test_evaluate.py`` checks that each key has both languages).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "TEXTS", "text"]

LANGUAGES = ("zh", "en")

TEXTS: Mapping[str, Mapping[str, str]] = {
    # -- compare: reasons a row is not comparable
    "reason.no-code": {
        "zh": "未对应指标目录，无法比较",
        "en": "no catalog code, so not comparable",
    },
    "reason.extensive": {
        "zh": "{kind}类指标（总量或数量）各地口径不同，不作比较",
        "en": "a {kind} indicator (count or total) differs in scope between places",
    },
    "reason.incompatible-units": {
        "zh": "单位{unit}不能换算为目录单位{catalog_unit}",
        "en": "unit {unit} does not convert to the catalog unit {catalog_unit}",
    },
    "reason.unknown-unit": {
        "zh": "单位{unit}无法识别",
        "en": "unit {unit} is not known",
    },
    "reason.relative": {
        "zh": "相对目标（{reference}），不换算",
        "en": "relative target ({reference}), not converted",
    },
    "reason.no-target": {"zh": "无目标值", "en": "no target"},
    # -- evaluation statuses and rules
    "status.met": {"zh": "已达到", "en": "met"},
    "status.on-track": {"zh": "进度正常", "en": "on track"},
    "status.off-track": {"zh": "进度滞后", "en": "off track"},
    "status.not-assessable": {"zh": "无法评估", "en": "not assessable"},
    "rule.within-target": {
        "zh": "{year}年实际值{actual}已在目标范围{allowed}内",
        "en": "the {year} actual {actual} lies within the target {allowed}",
    },
    "rule.deadline-passed": {
        "zh": "目标年{target_year}已到，实际值{actual}不在目标范围{allowed}内",
        "en": "target year {target_year} reached and the actual {actual} is outside {allowed}",
    },
    "rule.ahead-of-path": {
        "zh": "{year}年实际值{actual}不低于按{path}路径应达到的{expected}",
        "en": "the {year} actual {actual} is at or beyond {expected}, the {path} path's value",
    },
    "rule.behind-path": {
        "zh": "{year}年实际值{actual}落后于按{path}路径应达到的{expected}",
        "en": "the {year} actual {actual} is behind {expected}, the {path} path's value",
    },
    "rule.overshoot": {
        "zh": "{year}年实际值{actual}已越过目标范围{allowed}",
        "en": "the {year} actual {actual} has gone past the target {allowed}",
    },
    "rule.no-target": {"zh": "规划未设目标值", "en": "the plan sets no target"},
    "rule.relative-target": {
        "zh": "目标相对于{reference}，需要该参照值才能评估",
        "en": "the target is relative to {reference}, whose value is not given",
    },
    "rule.previous-period": {
        "zh": "目标年{target_year}早于本规划期，属上一规划的完成情况",
        "en": "the target is for {target_year}, before this plan's period (the previous plan's "
        "completion record)",
    },
    "rule.no-actual": {
        "zh": "{year}年及以前没有监测值",
        "en": "no monitoring value up to {year}",
    },
    "rule.no-final-actual": {
        "zh": "目标年{target_year}已到，但没有该年的监测值（最近为{year}年的{actual}）",
        "en": "target year {target_year} has come, but the latest value is {year}'s {actual}",
    },
    "rule.no-direction": {
        "zh": "无法判断该指标以高为好还是以低为好",
        "en": "nothing tells whether higher or lower is better for this indicator",
    },
    "rule.no-baseline": {
        "zh": "没有基期值，无法判断进度",
        "en": "no baseline, so progress cannot be judged",
    },
    "rule.unit": {
        "zh": "监测值单位{unit}不能换算为{indicator_unit}",
        "en": "monitoring unit {unit} does not convert to {indicator_unit}",
    },
    "path.linear": {"zh": "线性（百分点）", "en": "linear (percentage points)"},
    "path.linear-level": {"zh": "线性", "en": "linear"},
    "path.compound": {"zh": "复合增长", "en": "compound growth"},
    # -- evaluation report
    "report.title.mid": {"zh": "{plan}中期评估", "en": "Mid-term evaluation of {plan}"},
    "report.title.final": {"zh": "{plan}总结评估", "en": "Final evaluation of {plan}"},
    "report.as-of": {
        "zh": "评估年份：{year}年（规划期{start}—{end}年）",
        "en": "Evaluated as of {year} (plan period {start}-{end})",
    },
    "report.summary": {
        "zh": "共{total}项：已达到{met}项，进度正常{on_track}项，进度滞后{off_track}项，"
        "无法评估{not_assessable}项",
        "en": "{total} indicators: {met} met, {on_track} on track, {off_track} off track, "
        "{not_assessable} not assessable",
    },
    "report.actual": {"zh": "实际", "en": "actual"},
    "report.target": {"zh": "目标", "en": "target"},
    "report.gap": {"zh": "差距", "en": "gap"},
    "report.needed.linear": {
        "zh": "此后每年需提高{change}个百分点",
        "en": "needs {change} percentage points a year from now on",
    },
    "report.needed.linear-level": {
        "zh": "此后每年需增加{change}{unit}",
        "en": "needs {change} {unit} more a year from now on",
    },
    "report.needed.compound": {
        "zh": "此后年均需增长{change}%",
        "en": "needs {change}% a year from now on",
    },
    "report.rule": {"zh": "依据", "en": "rule"},
    # -- diff
    "diff.title": {"zh": "{old} → {new}", "en": "{old} → {new}"},
    "diff.added": {"zh": "新增", "en": "added"},
    "diff.removed": {"zh": "删除", "en": "removed"},
    "diff.renamed": {"zh": "改名", "en": "renamed"},
    "diff.baseline": {"zh": "基期值", "en": "baseline"},
    "diff.target": {"zh": "目标值", "en": "target"},
    "diff.attribute": {"zh": "属性", "en": "attribute"},
    "diff.definition": {"zh": "计算公式", "en": "formula"},
    "diff.unit": {"zh": "单位", "en": "unit"},
    "diff.none": {"zh": "没有差异", "en": "no differences"},
    # -- chart
    "chart.no-cjk-font": {
        "zh": "未找到中文字体（例如 Debian 的 fonts-noto-cjk），图中标签改用英文",
        "en": "no CJK font found (install e.g. Debian's fonts-noto-cjk); labels fall back to "
        "English names",
    },
    "chart.reference": {"zh": "{name}目标", "en": "{name} target"},
    "chart.target-year": {"zh": "{year}年目标", "en": "target for {year}"},
}


def text(key: str, language: str = "en", /, **values: object) -> str:
    """The string ``key`` in ``language`` (``zh`` or ``en``) with ``values`` filled in."""
    entry = TEXTS[key]
    template = entry.get(language) or entry["en"]
    return template.format(**values) if values else template
