"""Loading files into text pages: the seed corpus, generated edge cases and real PDFs, good and bad."""

from __future__ import annotations

import csv
import hashlib
import random
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from ingest.load import LoadedFile, load_bytes, load_file, sniff_media_type
from ingest.worker import ParseWorker
from kb.errors import UnreadableFile, UnsupportedFileType

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def assert_clean(loaded: LoadedFile) -> None:
    assert loaded.pages and all(isinstance(page, str) for page in loaded.pages)
    for page in loaded.pages:
        assert not CONTROL.search(page), repr(CONTROL.search(page))


def reason_of(path: Path) -> str:
    with pytest.raises((UnreadableFile, UnsupportedFileType)) as caught:
        load_file(path)
    return str(caught.value)


def pdf_with_page(content: bytes | None) -> bytes:
    """A one-page PDF whose page draws `content` (None: a page without any content), font /F1 at hand."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    if content is not None:
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- The seed corpus -------------------------------------------------------------------------


def test_markdown_seed_keeps_its_text_and_loses_its_html() -> None:
    path = CORPUS / "engagement-2-pouvoir-agir-personnes.md"
    loaded = load_file(path)
    text = loaded.pages[0]
    assert (loaded.media_type, loaded.paged, len(loaded.pages)) == ("markdown", False, 1)
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "<p>" not in text and "<ul" not in text and "style=" not in text
    assert "\n1\nDéployer un plan de formation ambitieux" in text
    assert "\n• Sensibiliser largement les élus" in text
    assert "Développer « les capacités des personnes à agir" in text  # plain Markdown is untouched
    assert_clean(loaded)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.name)
def test_text_seeds_load_as_one_unpaged_page(path: Path) -> None:
    loaded = load_file(path)
    assert (loaded.media_type, loaded.paged, loaded.title) == ("text", False, None)
    assert loaded.pages == [path.read_text(encoding="utf-8")]
    assert_clean(loaded)


# --- Generated text files ---------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf\n"], ids=["empty", "blank", "bom"])
def test_empty_files_are_unreadable(tmp_path: Path, data: bytes) -> None:
    assert reason_of(write(tmp_path, "vide.txt", data)) == "empty file"


def test_utf8_with_bom(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "bom.txt", "\ufeffÉté à Lyon\r\nsolidarité\r\n".encode()))
    assert loaded.pages == ["Été à Lyon\nsolidarité\n"]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encodings_of_french(tmp_path: Path, encoding: str) -> None:
    loaded = load_file(write(tmp_path, "ancien.txt", "été, à, ç, Œuvre\r".encode(encoding, "replace")))
    assert loaded.pages[0].startswith("été, à, ç, ")
    if encoding == "cp1252":
        assert loaded.pages[0] == "été, à, ç, Œuvre\n"


def test_control_characters_are_removed(tmp_path: Path) -> None:
    prose = "Une ligne de texte ordinaire.\n" * 20
    loaded = load_file(write(tmp_path, "bruit.txt", prose + "a\x1bb\x07c\td\x7fe\nf"))
    assert loaded.pages == [prose + "abc\tde\nf"]


def test_form_feeds_make_pages(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "paged.txt", "page un\fpage deux\n\fpage trois\f"))
    assert loaded.paged
    assert loaded.pages == ["page un", "page deux\n", "page trois"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("noise.txt", random.Random(1).randbytes(4000), "(binary content)"),
        ("nul.txt", b"du texte\x00avec un NUL", "(binary content)"),
        ("table.tsv", "nom\tville\nMétropole\tLyon\n".encode(), "(.tsv)"),
        ("table.csv", b"a,b\n1,2\n", "(.csv)"),
        ("sans-extension", b"du texte", "(no extension)"),
    ],
)
def test_unsupported_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UnsupportedFileType) as caught:
        load_file(write(tmp_path, name, data))
    assert str(caught.value) == f"unsupported file type {reason}"


def test_a_docx_is_named_by_its_extension(tmp_path: Path) -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 100)
    with pytest.raises(UnsupportedFileType, match=r"^unsupported file type \(\.docx\)$"):
        load_file(write(tmp_path, "rapport.docx", out.getvalue()))


def test_markdown_loses_scripts_and_event_handlers(tmp_path: Path) -> None:
    markdown = (
        "# Fiche 12 : <em>Accès</em> aux droits\n\n"
        "Texte <script>alert(1)</script> sûr.\n\n"
        "<img src=x onerror=alert(1)> Image.\n\n"
        "<style>p { color: red }</style>\n## Suite &amp; fin\n"
    )
    loaded = load_file(write(tmp_path, "fiche.md", markdown))
    text = loaded.pages[0]
    assert "alert" not in text and "onerror" not in text and "color" not in text
    assert loaded.title == "Fiche 12 : Accès aux droits"
    assert "Texte  sûr." in text and "## Suite & fin" in text


def test_markdown_keeps_autolinks_and_form_feeds(tmp_path: Path) -> None:
    markdown = "Voir <https://www.grandlyon.com/> ou <mailto:a@b.fr>.\n<div>page un</div>\f<p>page deux</p>\n"
    loaded = load_file(write(tmp_path, "liens.md", markdown))
    assert loaded.paged and len(loaded.pages) == 2
    assert loaded.pages[0].startswith("Voir https://www.grandlyon.com/ ou mailto:a@b.fr.")
    assert "page un" in loaded.pages[0] and loaded.pages[1].strip() == "page deux"


def test_html_file(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title> Guide &amp; aides </title>"
        "<script>var x = '<p>not text</p>';</script></head><body>"
        "<h1>Aides</h1><p>Le <b>RSA</b> et\n  la <a href='/x' onclick='evil()'>PCH</a>.</p>"
        "<table><tr><th>Aide</th><th>Montant</th></tr><tr><td>RSA</td><td>607 €</td></tr></table>"
        "<noscript>activez JS</noscript><template><p>caché</p></template></body></html>"
    )
    loaded = load_file(write(tmp_path, "guide.html", page))
    assert loaded.media_type == "html" and loaded.title == "Guide & aides"
    assert loaded.pages == ["Aides\nLe RSA et la PCH.\n\nAide\nMontant\n\nRSA\n607 €"]


def test_sniffing_looks_at_the_content_first(tmp_path: Path) -> None:
    assert sniff_media_type(Path("upload.fuzz"), b"garbage\n%PDF-1.4\n1 0 obj") == "pdf"
    assert sniff_media_type(Path("notes.TXT"), b"du texte") == "text"
    assert sniff_media_type(Path("a.markdown"), b"# titre") == "markdown"
    assert sniff_media_type(Path("a.htm"), b"<p>x</p>") == "html"
    with pytest.raises(UnsupportedFileType, match="binary content"):
        sniff_media_type(Path("notes.md"), b"\x00\x01\x02")


# --- PDFs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words", "title"),
    [
        ("albert-pdf.pdf", ["Délégation", "numérique"], "Journal officiel de la République française"),
        ("pdfplumber-2023-06-20-PV.pdf", ["démolition", "séance"], "Comité de démolition"),
    ],
)
def test_french_pdfs_load_page_by_page(name: str, words: list[str], title: str) -> None:
    loaded = load_file(PDFS / name)
    assert (loaded.media_type, loaded.paged, len(loaded.pages)) == ("pdf", True, 2)
    assert all(len(page) > 400 for page in loaded.pages)
    assert all(word in loaded.pages[0] + loaded.pages[1] for word in words)
    assert loaded.title and loaded.title.startswith(title)
    assert_clean(loaded)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("qpdf-encrypted-40-bit-R3.pdf", "encrypted PDF (password required)"),
        ("qpdf-pages-loop.pdf", "corrupt PDF: the page tree loops on itself"),
        ("pdfium-circular_viewer_ref.pdf", "corrupt PDF: document catalog (Root) not found"),
        ("qpdf-xref-errors.pdf", "almost no text (only 6 letters in 1 page), OCR needed"),
        ("qpdffuzz-15316.fuzz", "not a valid PDF (no %PDF header)"),
        ("qpdffuzz-15390.fuzz", "corrupt PDF: no page content could be read"),
    ],
)
def test_bad_pdfs_say_why(name: str, reason: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        load_file(PDFS / name)
    assert str(caught.value) == reason


def test_a_fuzzed_pdf_keeps_its_readable_pages() -> None:
    loaded = load_file(PDFS / "qpdffuzz-23172.fuzz")
    assert (loaded.media_type, len(loaded.pages)) == ("pdf", 30)
    assert sum(page.startswith("Potato") for page in loaded.pages) >= 25  # one bad page loses no other
    assert loaded.pages[-1].startswith("Potato 29")


def test_generated_pdfs_without_text() -> None:
    out = BytesIO()
    PdfWriter().write(out)
    with pytest.raises(UnreadableFile, match=r"^PDF has no pages$"):
        load_bytes(out.getvalue(), "vide.pdf")
    with pytest.raises(UnreadableFile, match=r"^PDF is blank \(1 page without content\)$"):
        load_bytes(pdf_with_page(None), "blanc.pdf")
    # A page that draws but holds no text is what a scan looks like.
    with pytest.raises(UnreadableFile, match=r"^no text layer, OCR needed \(1 page\)$"):
        load_bytes(pdf_with_page(b"0 0 m 100 100 l S"), "scan.pdf")


def test_encrypted_pdfs_open_with_the_empty_password() -> None:
    text = b"BT /F1 12 Tf 10 100 Td (Accompagnement social des familles) Tj ET"
    for user_password, expected in [("", None), ("secret", "encrypted PDF (password required)")]:
        writer = PdfWriter(clone_from=BytesIO(pdf_with_page(text)))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        out = BytesIO()
        writer.write(out)
        if expected is None:
            assert "Accompagnement social" in load_bytes(out.getvalue(), "ouvert.pdf").pages[0]
        else:
            with pytest.raises(UnreadableFile, match=re.escape(expected)):
                load_bytes(out.getvalue(), "ferme.pdf")


def test_aes_encrypted_pdf_loads_or_says_what_is_missing() -> None:
    try:
        import cryptography  # noqa: F401  (pypdf needs it for AES)
    except ImportError:
        reason = r"^encrypted PDF \(AES\): decryption support not installed$"
        with pytest.raises(UnreadableFile, match=reason):
            load_file(PDFS / "pypdf-r6-user-password.pdf")
    else:
        assert load_file(PDFS / "pypdf-r6-user-password.pdf").paged


def test_damaged_copies_of_a_real_pdf_never_escape_as_raw_errors() -> None:
    """Truncated and byte-flipped copies either load or fail with a reason (in a worker: no hang)."""
    original = (PDFS / "pdfplumber-2023-06-20-PV.pdf").read_bytes()
    rng = random.Random(7)
    variants = [original[: len(original) * i // 10] for i in range(1, 10)]
    for _ in range(30):
        data = bytearray(original)
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        variants.append(bytes(data))
    with ParseWorker(load_bytes, timeout_s=20, memory_mb=1024) as worker:
        for data in variants:
            try:
                assert_clean(worker.run(data, "abime.pdf"))
            except (UnreadableFile, UnsupportedFileType) as exc:
                assert_reason(str(exc))


# --- Every shared PDF, in a worker ------------------------------------------------------------


def assert_reason(reason: str) -> None:
    assert reason and "\n" not in reason and len(reason) <= 120, reason
    assert not reason.startswith("cannot read file:"), reason  # the catch-all means a missed case


def test_every_shared_pdf_loads_or_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    if not SHARED_PDFS.is_dir():
        pytest.skip(f"{SHARED_PDFS} is absent (only developers and CI have shared/)")
    manifest = {}
    for folder in ("bad", "french"):
        with open(SHARED_PDFS / folder / "MANIFEST.tsv", encoding="utf-8", newline="") as tsv:
            manifest.update({row["file"]: row for row in csv.DictReader(tsv, delimiter="\t")})
    files = sorted(p for folder in ("bad", "french") for p in (SHARED_PDFS / folder).iterdir())
    files = [path for path in files if path.name != "MANIFEST.tsv"]
    outcomes: list[tuple[str, str]] = []
    with ParseWorker(load_file, timeout_s=20, memory_mb=1024) as worker:
        for path in files:
            try:
                loaded = worker.run(path)
            except (UnreadableFile, UnsupportedFileType) as exc:
                assert_reason(str(exc))
                outcomes.append((path.name, f"{type(exc).__name__}: {exc}"))
                if "ENCRYPTED" in manifest[path.name]["pypdf 7.1.0 alone"]:
                    assert str(exc).startswith("encrypted PDF"), path.name
                continue
            assert_clean(loaded)
            outcomes.append((path.name, f"loaded {len(loaded.pages)} pages"))
            assert loaded.media_type == "pdf"
    with capsys.disabled():
        print(f"\n{'file':<48} outcome")
        for name, outcome in outcomes:
            print(f"{name:<48} {outcome}")
    loaded_names = {name for name, outcome in outcomes if outcome.startswith("loaded")}
    assert {"albert-pdf.pdf", "pdfplumber-2023-06-20-PV.pdf"} <= loaded_names
    assert dict(outcomes)["qpdffuzz-70245.fuzz"] == "UnreadableFile: empty file"
    assert len(outcomes) == len(files) >= 72
