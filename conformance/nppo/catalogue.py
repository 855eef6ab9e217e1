"""Markdown tables of the NPPO profile, generated from the code for the docs."""

from __future__ import annotations

from conformance.nppo.contract import CONTRACT_VARIABLES
from conformance.nppo.driver import EXPORT_SCENARIOS
from conformance.nppo.scenarios import EXPECTATIONS, SCENARIOS
from conformance.nppo.variants import VARIANTS
from conformance.suite.catalogue import checks_markdown
from conformance.suite.registry import discover_checks

__all__ = [
    "NPPO_CHECKS_PACKAGE",
    "TABLES",
    "contract_markdown",
    "export_scenarios_markdown",
    "nppo_checks_markdown",
    "scenarios_markdown",
    "variants_markdown",
]

NPPO_CHECKS_PACKAGE = "conformance.nppo.checks"


def scenarios_markdown() -> str:
    """The import scenarios with their expected behaviour."""
    lines = [
        "| scenario | round | what is queued | expected | needs |",
        "|---|---|---|---|---|",
    ]
    for scenario in SCENARIOS:
        needs = "-"
        if scenario.requires:
            name, _, value = scenario.requires.partition(":")
            needs = f"`import.{name}`" + (f" lists `{value}`" if value else "")
        lines.append(
            f"| `{scenario.id}` | {scenario.round} | {scenario.title} | "
            f"{EXPECTATIONS[scenario.expect]} | {needs} |"
        )
    return "\n".join(lines)


def export_scenarios_markdown() -> str:
    """The export scenarios: what the harness asks the system to send."""
    lines = [
        "| scenario | asked for | type | status | needs |",
        "|---|---|---|---|---|",
    ]
    for scenario in EXPORT_SCENARIOS:
        needs = f"`export.{scenario.requires}`" if scenario.requires else "-"
        lines.append(
            f"| `{scenario.id}` | {scenario.title} | {scenario.certificate_type} | "
            f"{scenario.certificate_status} | {needs} |"
        )
    return "\n".join(lines)


def contract_markdown() -> str:
    """The adapter contract's environment variables."""
    lines = ["| variable | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {text} |" for name, text in CONTRACT_VARIABLES.items()]
    return "\n".join(lines)


def variants_markdown() -> str:
    """The faulty reference systems and the checks that must catch them."""
    lines = ["| variant | integration bug | caught by (at least) |", "|---|---|---|"]
    lines += [
        f"| `{v.name}` | {v.description} | {', '.join(v.caught_by)} |"
        for v in VARIANTS.values()
    ]
    return "\n".join(lines)


def nppo_checks_markdown() -> str:
    """The NPPO checks: id, title, requirement."""
    return checks_markdown(discover_checks(NPPO_CHECKS_PACKAGE))


TABLES = {
    "scenarios": scenarios_markdown,
    "export scenarios": export_scenarios_markdown,
    "contract": contract_markdown,
    "variants": variants_markdown,
    "checks": nppo_checks_markdown,
}
"""Table name -> generator; the docs mark each as ``<!-- nppo NAME: begin -->``."""
