"""The scenario tests' work folder (a bundled rubric beside small files) for authoring tests."""

from tests.scenario.conftest import workdir, write  # noqa: F401
