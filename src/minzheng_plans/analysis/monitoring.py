"""Moved: monitoring files are read by :mod:`minzheng_plans.files.monitoring` (#20).

The evaluation rules (MZ6xx) need monitoring values below the analysis layer; this module
keeps imports written before the move working.
"""

from __future__ import annotations

from minzheng_plans.files.monitoring import (
    MONITORING_SCHEMA_ID,
    Actual,
    Monitoring,
    loads_monitoring,
    read_monitoring,
)

__all__ = ["MONITORING_SCHEMA_ID", "Actual", "Monitoring", "loads_monitoring", "read_monitoring"]
