"""resolve_jurisdiction: the place a document is about, from the evidence it gives.

Every case is written for these tests: titles, issuers and document numbers of real places in
the forms plans use, with the expected GB/T 2260 code looked up by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from minzheng_plans import Level
from minzheng_plans.registries.jurisdictions import default_jurisdictions
from minzheng_plans.registries.resolve import (
    UNRESOLVED_CODE,
    addressee_level,
    find_addressees,
    resolve_jurisdiction,
    unresolved_code,
    unresolved_finding,
)

PLAN = "民政事业发展“十四五”规划"

# (evidence, expected code, expected level)
CASES: list[tuple[dict[str, Any], str, Level]] = [
    # Provinces, municipalities and autonomous regions named in the title.
    ({"title": f"浙江省{PLAN}"}, "330000", Level.PROVINCIAL),
    ({"title": "江苏省“十四五”民政事业发展规划"}, "320000", Level.PROVINCIAL),
    ({"title": f"内蒙古自治区{PLAN}"}, "150000", Level.PROVINCIAL),
    ({"title": "宁夏回族自治区民政事业“十四五”发展规划"}, "640000", Level.PROVINCIAL),
    ({"title": "新疆维吾尔自治区民政事业发展第十四个五年规划"}, "650000", Level.PROVINCIAL),
    ({"title": f"广西{PLAN}"}, "450000", Level.PROVINCIAL),
    ({"title": f"天津市{PLAN}"}, "120000", Level.PROVINCIAL),
    ({"title": f"吉林省{PLAN}"}, "220000", Level.PROVINCIAL),
    # Prefectures, autonomous prefectures, 盟 and 地区.
    ({"title": f"成都市{PLAN}"}, "510100", Level.PREFECTURE),
    ({"title": f"吉林市{PLAN}"}, "220200", Level.PREFECTURE),
    ({"title": "延边朝鲜族自治州养老服务业发展“十四五”规划"}, "222400", Level.PREFECTURE),
    ({"title": "黔东南州“十四五”民政事业发展规划"}, "522600", Level.PREFECTURE),
    ({"title": f"锡林郭勒盟{PLAN}"}, "152500", Level.PREFECTURE),
    ({"title": f"阿里地区{PLAN}"}, "542500", Level.PREFECTURE),
    ({"title": f"儋州市{PLAN}"}, "460400", Level.PREFECTURE),
    # Hand-kept aliases of the overlay: 博州 and 巴州 as 新疆 writes them.
    ({"title": f"博州{PLAN}"}, "652700", Level.PREFECTURE),
    ({"title": f"巴州{PLAN}"}, "652800", Level.PREFECTURE),
    # A zone without a GB/T 2260 code, with its local code.
    ({"title": f"雄安新区{PLAN}"}, "130000-XA", Level.ZONE),
    # The 兵团 is no part of 新疆维吾尔自治区, although its name begins with 新疆.
    ({"title": f"新疆生产建设兵团{PLAN}"}, "000000-BT", Level.ZONE),
    # County-level cities and other county-level divisions.
    ({"title": f"义乌市{PLAN}"}, "330782", Level.COUNTY),
    ({"title": "昆山市养老服务发展“十四五”规划"}, "320583", Level.COUNTY),
    ({"title": f"神农架林区{PLAN}"}, "429021", Level.COUNTY),
    ({"title": f"长阳土家族自治县{PLAN}"}, "420528", Level.COUNTY),
    ({"title": f"鄂温克族自治旗{PLAN}"}, "150724", Level.COUNTY),
    # Districts and counties of a 直辖市.
    ({"title": f"重庆市江北区{PLAN}"}, "500105", Level.COUNTY),
    ({"title": f"上海市浦东新区{PLAN}"}, "310115", Level.COUNTY),
    ({"title": "海淀区“十四五”时期民政事业发展规划"}, "110108", Level.COUNTY),
    # A parent in the title, the issuers or nearby text settles an ambiguous name.
    ({"title": "江苏省南京市鼓楼区养老服务规划"}, "320106", Level.COUNTY),
    ({"title": f"鼓楼区{PLAN}", "issuers": ["福州市鼓楼区人民政府"]}, "350102", Level.COUNTY),
    ({"title": f"朝阳区{PLAN}", "issuers": ["长春市朝阳区人民政府"]}, "220104", Level.COUNTY),
    ({"title": f"西湖区{PLAN}", "issuers": ["南昌市西湖区民政局"]}, "360103", Level.COUNTY),
    (
        {"title": f"通州区{PLAN}", "nearby": ["在南通市委、市政府领导下，通州区民政事业…"]},
        "320612",
        Level.COUNTY,
    ),
    (
        {"title": f"通州区{PLAN}", "document_number": "京通政发〔2021〕3号"},
        "110112",
        Level.COUNTY,
    ),
    # The addressees' level settles a name of a province and a prefecture.
    (
        {"title": f"吉林{PLAN}", "addressees": ["各市（州）、县（市、区）人民政府"]},
        "220000",
        Level.PROVINCIAL,
    ),
    (
        {"title": f"吉林{PLAN}", "addressees": ["各县（市）、区人民政府，市政府各部门"]},
        "220200",
        Level.PREFECTURE,
    ),
    # No place in the title: the issuers, else the document number.
    ({"title": PLAN, "document_number": "苏民发〔2021〕12号"}, "320000", Level.PROVINCIAL),
    ({"title": PLAN, "document_number": "浙政发〔2021〕9号"}, "330000", Level.PROVINCIAL),
    ({"title": PLAN, "document_number": "京政发〔2021〕21号"}, "110000", Level.PROVINCIAL),
    ({"title": PLAN, "issuers": ["湖南省民政厅"]}, "430000", Level.PROVINCIAL),
    (
        {"title": "养老服务体系建设“十四五”规划", "document_number": "沪府办发〔2021〕15号"},
        "310000",
        Level.PROVINCIAL,
    ),
    (
        {"title": "“十四五”民政事业发展规划", "issuers": ["民政部", "国家发展改革委"]},
        "000000",
        Level.NATIONAL,
    ),
    ({"title": PLAN, "document_number": "民发〔2021〕51号"}, "000000", Level.NATIONAL),
    # Titles quoted or inside the notice's words.
    ({"title": f"关于印发《长沙市{PLAN}》的通知"}, "430100", Level.PREFECTURE),
    ({"title": f"《杭州市{PLAN}》"}, "330100", Level.PREFECTURE),
    # The plan's year picks the division valid then.
    ({"title": "崇明县民政事业发展“十二五”规划", "year": 2011}, "310230", Level.COUNTY),
    ({"title": "开县民政事业发展“十二五”规划", "year": 2011}, "500234", Level.COUNTY),
    ({"title": "开州区民政事业发展“十四五”规划", "year": 2021}, "500154", Level.COUNTY),
    ({"title": "萧山区民政事业发展“十三五”规划", "year": 2016}, "330109", Level.COUNTY),
]


@pytest.mark.parametrize(("evidence", "code", "level"), CASES)
def test_resolves(evidence: dict[str, Any], code: str, level: Level) -> None:
    """The evidence resolves to the division expected, at its level."""
    result = resolve_jurisdiction(default_jurisdictions(), **evidence)
    assert (True, code, level) == (
        result.resolved,
        result.jurisdiction.code,
        result.jurisdiction.level,
    )


def test_historic_resolution_is_marked() -> None:
    """A code no longer current is resolved for an old plan and says so."""
    result = resolve_jurisdiction(default_jurisdictions(), title="郫县民政事业发展规划", year=2012)
    assert ("510124", True) == (result.jurisdiction.code, result.historic)


def test_ambiguous_name_without_evidence_is_unresolved_with_candidates() -> None:
    """鼓楼区 alone: four candidates, a stand-in of county level, and the reason."""
    result = resolve_jurisdiction(default_jurisdictions(), title=f"鼓楼区{PLAN}", year=2021)
    assert not result.resolved
    assert "ambiguous" == result.problem
    assert {"320106", "320302", "350102", "410204"} == {c.code for c in result.candidates}
    assert UNRESOLVED_CODE.match(result.jurisdiction.code)
    assert ("鼓楼区", Level.COUNTY) == (result.jurisdiction.name, result.jurisdiction.level)
    finding = unresolved_finding(result, plan=f"{result.jurisdiction.code}-2021-2025")
    assert ("MZ509", "warning") == (finding.code, finding.severity)
    assert "南京市" in finding.text
    assert "福州市" in finding.text


def test_province_from_the_document_number_narrows_but_may_not_settle() -> None:
    """苏 leaves 南京 and 徐州 in the running: unresolved, filed under 江苏省."""
    result = resolve_jurisdiction(
        default_jurisdictions(), title=f"鼓楼区{PLAN}", document_number="苏鼓政发〔2021〕1号"
    )
    assert not result.resolved
    assert "320000" == result.jurisdiction.parent


def test_unknown_place_keeps_its_name_and_gets_a_suffix_level() -> None:
    """A name the registry does not know is kept; its level is guessed from the suffix."""
    result = resolve_jurisdiction(default_jurisdictions(), title=f"某某县{PLAN}", year=2021)
    assert (False, "unknown", "某某县", Level.COUNTY) == (
        result.resolved,
        result.problem,
        result.jurisdiction.name,
        result.jurisdiction.level,
    )
    assert "某某县" in unresolved_finding(result).text


def test_no_place_at_all_is_said() -> None:
    """Neither title, issuers nor number name a place: the reason says so."""
    result = resolve_jurisdiction(default_jurisdictions(), title="养老服务体系建设规划")
    assert (False, "no-place", "未识别") == (
        result.resolved,
        result.problem,
        result.jurisdiction.name,
    )


def test_unresolved_places_never_share_an_id() -> None:
    """Different names or documents get different codes; the same document the same one."""
    registry = default_jurisdictions()
    codes = [
        resolve_jurisdiction(registry, title=title, document_number=number).jurisdiction.code
        for title, number in [
            (f"某某县{PLAN}", None),
            (f"某乙县{PLAN}", None),
            (f"某某县{PLAN}", "某政发〔2021〕1号"),
            ("养老服务体系建设规划", None),
            ("社区服务体系建设规划", None),
        ]
    ]
    assert len(set(codes)) == len(codes)
    again = resolve_jurisdiction(registry, title=f"某某县{PLAN}").jurisdiction.code
    assert codes[0] == again
    assert unresolved_code("某某县", f"某某县{PLAN}", None) == again


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("各区、县（市）人民政府，市政府各部门：", Level.PREFECTURE),
        ("各乡镇人民政府、街道办事处：", Level.COUNTY),
        ("各区县（自治县）人民政府，市政府各部门：", Level.PROVINCIAL),
        ("各省、自治区、直辖市民政厅（局）：", Level.NATIONAL),
        ("各设区市、县（市、区）人民政府：", Level.PROVINCIAL),
    ],
)
def test_addressee_levels(line: str, level: Level) -> None:
    """Who a notice is addressed to tells the level of its issuer."""
    assert level == addressee_level([line])


def test_find_addressees_in_a_notice() -> None:
    """The addressee line is found among the notice's lines."""
    lines = [
        "关于印发某规划的通知",
        "各区、县（市）人民政府，市政府各部门：",
        "现将规划印发给你们。",
    ]
    assert ["各区、县（市）人民政府，市政府各部门："] == find_addressees(lines)
