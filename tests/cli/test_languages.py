"""The command line in the members' languages: the environment or --lang chooses; the real
entry point (`python -m steward_app`) speaks Spanish; JSON and CSV stay as they are."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from steward_app.cli.main import run
from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import in_language
from steward_app.domain.rules import SIMPLE_MAJORITY
from steward_app.domain.tally import judge
from steward_app.domain.wording import tally_reason
from steward_app.reports.cell_text import units_text

ROOT = Path(__file__).resolve().parents[2]


def steward_app(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real entry point, as a steward types it, in a clean environment's language."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    environ.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **env})
    return subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("languages") / "vote.sqlite"
    assert steward_app(db, "demo").returncode == 0
    return db


def test_language_from_the_environment_gives_spanish_standings(demo_db: Path) -> None:
    done = steward_app(demo_db, "standings", LANGUAGE="es")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Pregunta concessions:" in out
    assert "COALICIÓN: PENDIENTE" in out
    assert "sindicato" in out and "afiliados" in out and "participación" in out
    # CLDR: Spanish groups from five digits, and puts a no-break space before %
    assert "4200 sí contra 5000 no (45,7\u00a0% sí), 58 nulos" in out
    assert "15.600" in out
    assert "Unidades sin informar aún (7)" in out
    assert " yes " not in out and "pending" not in out


def test_lang_option_overrides_the_environment(demo_db: Path) -> None:
    english = steward_app(demo_db, "--lang", "en", "standings", LANG="es_MX.UTF-8")
    assert "COALITION: PENDING" in english.stdout
    spanish = steward_app(demo_db, "--lang=es", "standings", LC_ALL="en_US.UTF-8")
    assert "COALICIÓN: PENDIENTE" in spanish.stdout


def test_an_unknown_language_is_a_usage_error(demo_db: Path) -> None:
    done = steward_app(demo_db, "--lang", "xx", "standings")
    assert done.returncode == 2
    assert "unknown language 'xx'" in done.stderr and "en, es" in done.stderr
    assert done.stdout == ""


def test_help_is_in_spanish(demo_db: Path) -> None:
    done = steward_app(demo_db, "report", "coalition", "--help", LANGUAGE="es")
    assert done.returncode == 0
    assert done.stdout.startswith("uso: ")
    assert "opciones:" in done.stdout
    assert "escribe un archivo PDF" in done.stdout
    assert "muestra esta ayuda y termina" in done.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_a_coalition_summary_pdf_in_spanish(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "resumen.pdf"
    done = steward_app(demo_db, "--lang", "es", "report", "coalition", "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Se escribió «Resumen de la coalición» en {pdf}: ")
    assert "PRÁCTICA · NO OFICIAL" in done.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (
        "Resumen de la coalición",
        "PENDIENTE · SIN DECIDIR",
        "La regla de la coalición, prueba por prueba",
        "Sindicatos",
        "página 1 de",
        "código de estado",
        "Verificado y certificado",
    ):
        assert words in text, words
    assert "Coalition summary" not in text and "page 1 of" not in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_report_lang_after_the_command_gives_a_spanish_notice(
    demo_db: Path, tmp_path: Path
) -> None:
    """A Spanish notice while everything else speaks English (`report ... --lang es`)."""
    pdf = tmp_path / "aviso.pdf"
    done = steward_app(
        demo_db, "report", "union", "afscme", "--pdf", str(pdf), "--lang", "es", LANG="en_US"
    )
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Aviso: AFSCME Council 4" in text
    assert "Unidad por unidad" in text and "Participación" in text


def test_json_and_csv_are_the_same_whatever_the_language(demo_db: Path, tmp_path: Path) -> None:
    english = steward_app(demo_db, "standings", "--json")
    spanish = steward_app(demo_db, "--lang", "es", "standings", "--json")
    assert english.stdout == spanish.stdout
    assert '"reason":"pending, leaning reject: 4,200 yes to 5,000 no' in english.stdout
    en_csv, es_csv = tmp_path / "en.csv", tmp_path / "es.csv"
    steward_app(demo_db, "report", "coalition", "--csv", str(en_csv))
    done = steward_app(demo_db, "--lang", "es", "report", "coalition", "--csv", str(es_csv))
    assert done.stdout.startswith("Se escribieron las tablas de «Coalition summary»")

    def without_time(path: Path) -> list[str]:
        return [r for r in path.read_text(encoding="utf-8-sig").splitlines() if "as of" not in r]

    assert without_time(en_csv) == without_time(es_csv)
    assert "Tests of the coalition rule" in en_csv.read_text(encoding="utf-8-sig")


def test_in_process_run_takes_lang_and_the_next_run_its_own(demo_db: Path) -> None:
    out = io.StringIO()
    assert run(["--db", str(demo_db), "--lang", "es", "standings"], out, io.StringIO()) == 0
    assert "COALICIÓN" in out.getvalue()
    out = io.StringIO()
    assert run(["--db", str(demo_db), "standings"], out, io.StringIO()) == 0  # LANGUAGE=en
    assert "COALITION" in out.getvalue()


@pytest.mark.parametrize(
    ("code", "one", "two"),
    [("en", "1 unit", "2 units"), ("es", "1 unidad", "2 unidades")],
)
def test_plural_forms_in_both_languages(code: str, one: str, two: str) -> None:
    with in_language(code):
        assert units_text(1) == one
        assert units_text(2) == two
        assert units_text(0) == two.replace("2", "0")  # zero takes the plural in both


@pytest.mark.parametrize(
    ("code", "one", "many"),
    [
        ("en", "whatever the 1 challenged ballot turns out", "whatever the 3 challenged ballots"),
        ("es", "resultado del 1 voto impugnado", "resultado de los 3 votos impugnados"),
    ],
)
def test_a_domain_sentence_takes_the_plural_the_count_needs(code: str, one: str, many: str) -> None:
    from steward_app.domain.tally import Numbers

    def reason(challenged: int) -> str:
        n = Numbers(yes=90, no=10, void=0, challenged=challenged, eligible=100 + challenged)
        result = judge(SIMPLE_MAJORITY, n, unknown=challenged)
        return tally_reason(result, SIMPLE_MAJORITY, ReportStatus.FINAL)

    with in_language(code):
        assert one in reason(1)
        assert many in reason(3)


def test_shares_and_numbers_as_each_language_writes_them() -> None:
    from steward_app.domain.threshold import Threshold, describe_share, format_share

    with in_language("en"):
        assert format_share(Fraction(2, 3)) == "66.7%"
        assert describe_share(Fraction(4, 5)) == "80%"
        assert Threshold(Fraction(2, 3), inclusive=True).describe() == "at least 2/3"
    with in_language("es"):
        assert format_share(Fraction(2, 3)) == "66,7\u00a0%"
        assert describe_share(Fraction(4, 5)) == "80\u00a0%"
        assert Threshold(Fraction(2, 3), inclusive=True).describe() == "al menos 2/3"
        assert Threshold(Fraction(1, 2), inclusive=False).describe() == "más de la mitad"
