"""Real input: public sample certificates and the project's fixture certificates."""

from __future__ import annotations

import json
from pathlib import Path

import allure
import pytest

from conformance.findings import Level
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.registry import check
from conformance.suite.samples import read_sample, sample_files
from conformance.suite.settings import SETTINGS_KEY

_REPORTED_LEVELS = (Level.SEVERE, Level.WARNING)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One case per sample file: ``samples/<name>`` and ``fixtures/<name>``."""
    if "sample" not in metafunc.fixturenames:
        return
    settings = metafunc.config.stash.get(SETTINGS_KEY, None)
    folders = {
        "samples": settings.samples_dir if settings else None,
        "fixtures": settings.fixtures_dir if settings else None,
    }
    cases = [
        pytest.param(path, id=f"{label}/{path.name}")
        for label, folder in folders.items()
        for path in sample_files(folder)
    ]
    if not cases:
        reason = (
            "no sample certificates found: give --samples-dir or set "
            "EPHYTO_SAMPLES_DIR (looked for ../shared/reference/samples)"
        )
        cases = [pytest.param(None, id="none", marks=pytest.mark.skip(reason=reason))]
    metafunc.parametrize("sample", cases)


@check(
    "HUB-SAMPLE-001",
    title="A real certificate travels as Content unchanged to the addressee",
    requirement="WSDL DeliverEnvelope, PULLSingleImportEnvelope; §3.12; D11",
)
def test_sample_passes_through(
    sample: Path, courier: Courier, importer: NppoClient
) -> None:
    content = read_sample(sample)
    header = courier.deliver(courier.text_envelope(content))
    assert header.hub_delivery_number, header.hub_delivery_error_message

    pulled = importer.client.pull_single_import_envelope(header.hub_delivery_number)

    assert pulled.content == content


@check(
    "HUB-SAMPLE-002",
    title="ValidatePhytoXML answers validation rows for a real certificate",
    requirement="WSDL ValidatePhytoXML, ValidationResult; hub-protocol §3.10",
)
def test_sample_is_validated(
    sample: Path,
    courier: Courier,
    request: pytest.FixtureRequest,
) -> None:
    content = read_sample(sample)

    rows = courier.exporter.client.validate_phyto_xml(content)

    assert isinstance(rows, list)
    reported = [
        {"area": row.area, "level": row.level, "field": row.field, "msg": row.msg}
        for row in rows
        if row.level in _REPORTED_LEVELS
    ]
    counts = {level.value: 0 for level in _REPORTED_LEVELS}
    for row in reported:
        counts[row["level"]] += 1
    details = {"rows": len(rows), **counts, "findings": reported}
    # Read back by the run's result collector into summary.json.
    request.node.user_properties.append(("details", details))
    allure.attach(
        json.dumps(details, indent=2),
        name=f"validation of {sample.name}",
        attachment_type=allure.attachment_type.JSON,
    )
