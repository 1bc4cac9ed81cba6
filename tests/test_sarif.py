"""`check --format sarif`: a SARIF 2.1.0 log with the rule registry, results and locations."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from minzheng_plans import Severity, make_finding
from minzheng_plans.cli.app import cli
from minzheng_plans.output.report import RuleDescriptor, findings_sarif

from ._compliance_support import plan_text

_MESSAGE = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string", "minLength": 1}},
}
_ARTIFACT_LOCATION = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "uri": {"type": "string", "minLength": 1},
        "uriBaseId": {"type": "string"},
        "index": {"type": "integer", "minimum": -1},
    },
}
# The essentials of the OASIS SARIF 2.1.0 schema for what this tool writes: required members,
# enumerations, and no misspelt members where the standard forbids additional ones.
SARIF_ESSENTIALS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "shortDescription": _MESSAGE,
                                                "helpUri": {"type": "string"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {
                                                            "enum": [
                                                                "none",
                                                                "note",
                                                                "warning",
                                                                "error",
                                                            ]
                                                        }
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "artifacts": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "location": _ARTIFACT_LOCATION,
                                "hashes": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "relatedLocations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "id": {"type": "integer", "minimum": -1},
                                        },
                                    },
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "additionalProperties": False,
                                                "properties": {
                                                    "artifactLocation": _ARTIFACT_LOCATION,
                                                    "region": {
                                                        "type": "object",
                                                        "additionalProperties": False,
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "startColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                            "logicalLocations": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "name": {"type": "string"},
                                                        "fullyQualifiedName": {"type": "string"},
                                                        "kind": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def _validate(log: dict) -> None:
    jsonschema.Draft202012Validator(SARIF_ESSENTIALS).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        # ruleIndex must point at the rule with the same id (SARIF §3.27.6).
        assert result["ruleId"] == rules[result["ruleIndex"]]["id"]


@pytest.fixture(name="checked")
def _checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "child.toml").write_text(
        plan_text("child", [], based_on="《不存在的民政规划》"), encoding="utf-8"
    )
    (tmp_path / "plans" / "bad.toml").write_text("schema = = 1\n", encoding="utf-8")

    def run(*extra: str) -> dict:
        result = CliRunner().invoke(
            cli, ["check", "--format", "sarif", "--no-bundled", *extra, "plans"]
        )
        return json.loads(result.stdout)

    return run


class TestSarifFromCheck:
    def test_log_parses_as_an_independent_sarif_model(self, checked):
        """sarif-pydantic, a third party's model of SARIF 2.1.0, accepts the log field by field."""
        from sarif_pydantic import Sarif  # noqa: PLC0415 - a test-only peer

        log = Sarif.model_validate(checked())
        assert "2.1.0" == log.version
        run = log.runs[0]
        assert run.results
        assert all(r.rule_id and r.message.text for r in run.results)
        assert {r.rule_id for r in run.results} <= {d.id for d in run.tool.driver.rules or ()}

    def test_log_is_valid_sarif(self, checked):
        """The log of a check satisfies the SARIF essentials, each ruleIndex naming its rule."""
        _validate(checked())

    def test_rules_array_lists_the_registry(self, checked):
        """The driver's rules list the registry's codes with names and default levels."""
        rules = checked()["runs"][0]["tool"]["driver"]["rules"]
        by_id = {rule["id"]: rule for rule in rules}
        assert {"MZ001", "MZ101", "MZ401", "MZ406"} <= by_id.keys()
        assert "compliance.looser-than-parent" == by_id["MZ401"]["name"]
        assert "error" == by_id["MZ401"]["defaultConfiguration"]["level"]

    def test_results_have_file_and_line(self, checked):
        """Results give the file relative to %SRCROOT%, the line and the level (info is note)."""
        results = {r["ruleId"]: r for r in checked()["runs"][0]["results"]}
        where = results["MZ406"]["locations"][0]["physicalLocation"]
        assert ("plans/child.toml", "%SRCROOT%", 6) == (
            where["artifactLocation"]["uri"],
            where["artifactLocation"]["uriBaseId"],
            where["region"]["startLine"],
        )
        assert "note" == results["MZ406"]["level"]
        assert 1 == results["MZ101"]["locations"][0]["physicalLocation"]["region"]["startLine"]

    def test_artifacts_carry_sha256(self, checked):
        """Each file read is an artifact with its SHA-256."""
        artifacts = checked()["runs"][0]["artifacts"]
        assert ["plans/bad.toml", "plans/child.toml"] == [a["location"]["uri"] for a in artifacts]
        assert all(64 == len(a["hashes"]["sha-256"]) for a in artifacts)

    def test_loader_finding_shown_on_the_plan_file_with_the_document_related(
        self, tmp_path, monkeypatch
    ):
        """A loader's finding points at the plan file's line and relates the original document's."""
        monkeypatch.chdir(tmp_path)
        text = plan_text(
            "child", [({"code": "EC-NURSING-BED-SHARE", "unit": "%"}, ">=", "60", None)]
        )
        text = text.replace('title = "', 'source = "original.txt"\ntitle = "', 1)
        text += (
            '\n[[findings]]\ncode = "MZ502"\nseverity = "info"\nmessage = "repaired"\n'
            'plan = "990101-2021-2025"\nindicator = "t1.1"\n'
            '[findings.location]\nfile = "original.txt"\nline = 42\n'
        )
        (tmp_path / "child.toml").write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["check", "--format", "sarif", "--no-bundled", "child.toml"]
        )
        log = json.loads(result.stdout)
        _validate(log)
        found = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "MZ502")
        where = found["locations"][0]["physicalLocation"]
        related = found["relatedLocations"][0]["physicalLocation"]
        assert ("child.toml", 19) == (
            where["artifactLocation"]["uri"],
            where["region"]["startLine"],
        )
        assert ("original.txt", 42) == (
            related["artifactLocation"]["uri"],
            related["region"]["startLine"],
        )

    def test_messages_follow_the_language(self, checked):
        """Result messages follow --lang."""
        results = checked("--lang", "zh")["runs"][0]["results"]
        message = next(r for r in results if r["ruleId"] == "MZ406")["message"]["text"]
        assert "本规划所依据的《不存在的民政规划》" in message


class TestSarifUnit:
    def test_unknown_code_gets_a_bare_rule_so_the_index_resolves(self):
        """A code of no known rule gets a bare rule entry, so its ruleIndex resolves."""
        finding = make_finding("MZ501", Severity.WARNING, "Row {row} unreadable", row=3)
        log = json.loads(findings_sarif([finding], [], version="1"))
        _validate(log)
        assert [{"id": "MZ501", "defaultConfiguration": {"level": "warning"}}] == [
            {k: v for k, v in rule.items() if k != "helpUri"}
            for rule in log["runs"][0]["tool"]["driver"]["rules"]
        ]

    def test_finding_without_location_has_no_physical_location(self):
        """A finding without a location is placed logically, by its plan."""
        rule = RuleDescriptor("MZ105", Severity.WARNING, "A suppression is expired")
        finding = make_finding("MZ105", Severity.WARNING, "x", plan="p")
        result = json.loads(findings_sarif([finding], [rule], version="1"))["runs"][0]["results"][0]
        assert [
            {"logicalLocations": [{"name": "p", "fullyQualifiedName": "p", "kind": "module"}]}
        ] == (result["locations"])

    def test_essentials_schema_rejects_a_bad_level(self):
        """The essentials schema refuses a level SARIF does not have."""
        finding = make_finding("MZ105", Severity.WARNING, "x")
        log = json.loads(findings_sarif([finding], [], version="1"))
        log["runs"][0]["results"][0]["level"] = "info"
        with pytest.raises(jsonschema.ValidationError):
            _validate(log)
