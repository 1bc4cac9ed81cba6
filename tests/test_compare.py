import csv
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from minzheng_plans.analysis.compare import COLUMNS, compare_plans, parent_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.output.comparison import comparison_csv, comparison_json

from ._compare_support import COUNTY, EXAMPLE, NATIONAL, plans


def _row(table, code, plan):
    (row,) = [r for r in table.for_code(code) if r.plan == plan]
    return row


def test_per_mille_target_is_normalised_to_the_catalog_percent():
    """A ‰ target is normalised to the catalog's %: 600‰ of a higher-is-better share allows ≥60."""
    table = compare_plans(plans(), ["EC-NURSING-BED-SHARE"])
    county = _row(table, "EC-NURSING-BED-SHARE", "990102-2021-2025")
    assert (county.unit, county.normalised_unit) == ("‰", "%")
    assert county.baseline == Decimal("45.2")
    # 达到600‰ for a higher-is-better share allows ≥60 %.
    assert (county.target_low, county.target_high, county.allowed) == (Decimal(60), None, "≥60")
    assert county.comparable


def test_rows_follow_the_plans_order_and_name_their_parent():
    """Comparison rows follow the plans' order and name each plan's parent."""
    table = compare_plans(plans(), ["EC-NURSING-BED-SHARE"])
    assert [r.jurisdiction for r in table] == ["全国", "测试县", "澜溪县"]
    assert [r.parent for r in table] == [None, "000000-2021-2025", "000000-2021-2025"]


def test_counts_units_and_missing_codes_are_marked_not_comparable():
    """Counts, unconvertible units, relative targets and uncoded rows are marked not comparable."""
    table = compare_plans(plans())
    total = _row(table, "SW-PROFESSIONALS-TOTAL", "000000-2021-2025")
    assert (total.comparable, total.reason) == (False, "extensive")
    assert total.baseline == Decimal(1570000)  # 157 万人 in the catalog unit 人
    money = _row(table, "SA-RURAL-URBAN-DIBAO-RATIO", "990102-2021-2025")
    assert (money.comparable, money.reason) == (False, "incompatible-units")
    assert "元" in money.note
    relative = _row(table, "SA-DIBAO-STANDARD-GROWTH", "000000-2021-2025")
    assert relative.reason == "relative"
    assert relative.target_low is None
    uncoded = [r for r in table if r.code is None]
    assert [(r.reason, r.name) for r in uncoded] == [
        ("no-code", "社区综合服务设施智慧化改造完成度")
    ]
    ok = _row(table, "SA-RURAL-URBAN-DIBAO-RATIO", "000000-2021-2025")
    assert (ok.comparable, ok.reason, ok.allowed) == (True, None, "≥75")


def test_asking_for_codes_leaves_out_uncoded_rows_and_keeps_the_order_asked():
    """Codes asked for are listed in the order asked, without uncoded rows."""
    table = compare_plans(plans(), ["SA-RURAL-URBAN-DIBAO-RATIO", "EC-NURSING-BED-SHARE"])
    assert table.codes() == ["SA-RURAL-URBAN-DIBAO-RATIO", "EC-NURSING-BED-SHARE"]
    assert all(r.code is not None for r in table)


def test_parent_by_based_on_id_without_registry_entry():
    """A plan's parent is found by its based_on id among the plans given, or not at all."""
    national, _county, lanxi = plans()
    assert parent_plans([national, lanxi]) == {lanxi.id: national.id}
    assert parent_plans([lanxi]) == {}


def test_csv_and_json_hold_the_same_rows():
    """The CSV and JSON comparisons hold the same rows and columns."""
    table = compare_plans(plans(), ["EC-NURSING-BED-SHARE"])
    rows = list(csv.DictReader(io.StringIO(comparison_csv(table))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["target_low"] for r in rows] == ["55", "60", "50"]
    data = json.loads(comparison_json(table))
    assert [r["target_low"] for r in data["rows"]] == [55, 60, 50]
    assert data["rows"][1]["comparable"] is True


def test_to_dataframe_needs_pandas_only_when_called():
    """to_dataframe gives the rows with pandas; without it, an ImportError says what to install."""
    table = compare_plans(plans(), ["EC-NURSING-BED-SHARE"])
    try:
        import pandas as pd  # noqa: F401, PLC0415
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            table.to_dataframe()
    else:
        frame = table.to_dataframe()
        assert list(frame["jurisdiction"]) == ["全国", "测试县", "澜溪县"]


def test_cli_compare_text_csv_json():
    """compare prints the table as text, CSV or JSON."""
    runner = CliRunner()
    args = [
        "compare",
        str(NATIONAL),
        str(COUNTY),
        str(EXAMPLE),
        "--indicator",
        "EC-NURSING-BED-SHARE",
    ]
    text = runner.invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert "EC-NURSING-BED-SHARE  养老机构护理型床位占比 (%)" in text.output
    assert "60 (2025)   ≥60" in text.output
    as_csv = runner.invoke(cli, [*args, "--format", "csv"])
    assert as_csv.output.splitlines()[0].startswith("code,indicator,plan")
    as_json = runner.invoke(cli, [*args, "--format", "json"])
    assert len(json.loads(as_json.output)["rows"]) == 3


def test_cli_compare_refuses_unknown_codes_and_files():
    """compare exits 2 on an unknown catalog code or a missing file, naming it."""
    runner = CliRunner()
    bad = runner.invoke(cli, ["compare", str(NATIONAL), "--indicator", "XX-NOPE"])
    assert bad.exit_code == 2
    assert "not a catalog code: XX-NOPE" in bad.output
    missing = runner.invoke(cli, ["compare", "nowhere.toml"])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_the_same_unconvertible_unit_everywhere_still_compares():
    """An unconvertible unit shared by every plan compares as written; mixed with another, not."""
    import attrs  # noqa: PLC0415

    national, county, _lanxi = plans()
    odd = attrs.evolve(national.indicators[1], unit="元")
    national = attrs.evolve(national, indicators=(odd,))
    table = compare_plans([national, county], ["SA-RURAL-URBAN-DIBAO-RATIO"])
    assert [(r.comparable, r.reason, r.normalised_unit) for r in table] == [
        (True, None, "元"),
        (True, None, "元"),
    ]
    assert "as written in 元" in table.rows[0].note
    # One plan in the catalog unit and one not: the odd one stays not comparable.
    mixed = compare_plans([plans()[0], county], ["SA-RURAL-URBAN-DIBAO-RATIO"])
    assert [r.reason for r in mixed] == [None, "incompatible-units"]


def _single(name, unit, value, code=None):
    import attrs  # noqa: PLC0415

    from minzheng_plans.core.model import Indicator  # noqa: PLC0415
    from minzheng_plans.core.quantity import Comparison  # noqa: PLC0415

    national = plans()[0]
    indicator = Indicator("t9.1", name, unit, code=code, target=Comparison(2025, value))
    return attrs.evolve(national, indicators=(indicator,))


def test_a_one_to_x_ratio_is_the_number_x():
    """A 1:x ratio of 0.8 compares as 80 % of the catalog's unit, noted as 1:x."""
    table = compare_plans([_single("城市与农村最低生活保障标准比", "1:x", Decimal("0.8"))])
    (row,) = table.rows
    assert (row.code, row.target_low, row.normalised_unit) == (
        "SA-RURAL-URBAN-DIBAO-RATIO",
        Decimal(80),
        "%",
    )
    assert "1:x" in row.note


def test_a_base_stated_in_the_name_completes_a_count_unit():
    """每万人 in the name turns 个 into 个/万人; without it 个 stays an unconvertible count."""
    (row,) = compare_plans([_single("每万人常住人口拥有社会组织数", "个", Decimal(10))]).rows
    assert (row.comparable, row.normalised_unit, row.target_low) == (True, "个/万人", Decimal(10))
    assert "每万人" in row.note
    # Without the base in the name, 个 is a count and does not convert to 个/万人.
    density = _single("社会组织密度", "个", Decimal(10), code="SO-PER-10000-RESIDENTS")
    (other,) = compare_plans([density]).rows
    assert (other.comparable, other.reason) == (False, "incompatible-units")
