"""A backup of the demo, restored into an empty installation, holds every row and file."""

from django.core.files.base import ContentFile
from django.core.management import call_command

from lofte.followup.models import Update
from lofte.ops.tests.conftest import every_file, rows_here, the_backup
from lofte.promises.models import Promise

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def add_evidence():
    """Attach evidence files to three demo updates, one in a name with Swedish letters."""
    updates = list(Update.objects.order_by("pk")[:3])
    updates[0].evidence_file.save("protokoll.pdf", ContentFile(b"%PDF-1.4 protokoll"))
    updates[1].evidence_file.save("trygghetsvandring.png", ContentFile(PNG))
    updates[2].evidence_file.save("närvaro-åäö.pdf", ContentFile(b"%PDF-1.4 " + b"\0\xff" * 5000))
    return updates


def test_a_restored_demo_has_every_row_and_file_of_the_original(
    transactional_db, media, installation, tmp_path
):
    call_command("load_demo", verbosity=0)
    add_evidence()
    call_command("backup", str(tmp_path), verbosity=0)
    target = installation("restored")
    target.run("migrate")

    output = target.run("restore", str(the_backup(tmp_path)))

    assert output.startswith("Restored ")
    restored = target.rows()
    original = rows_here()
    assert restored.keys() == original.keys()
    for table, rows in original.items():
        assert restored[table] == rows, table
    # Göteborg's two promises and Malmö's example
    assert len(restored["promises_promise"]) == Promise.objects.count() == 3
    files = every_file(media)
    assert len(files) == 3
    assert every_file(target.media) == files
