"""A backup taken while the site writes restores to one moment of it: whole, every reference
and every file in place."""

import json
import subprocess
import time

from lofte.ops.tests.conftest import the_backup


def committed_rounds(writer):
    """Stop the writer; return the times of its commits, one per round, in order."""
    writer.terminate()
    writer.wait()
    return [float(line.split()[1]) for line in writer.stdout.read().splitlines()]


def test_a_backup_taken_while_the_site_writes_restores_to_one_whole_moment(installation, tmp_path):
    site = installation("busy")
    site.run("migrate")
    with (tmp_path / "writer.log").open("w") as log:
        writer = site.python(
            "-m", "lofte.ops.tests.busy_site", "write", stdout=subprocess.PIPE, stderr=log
        )
    try:
        first = [writer.stdout.readline() for _ in range(3)]
        assert all(first), (tmp_path / "writer.log").read_text()
        started = time.time()
        site.run("backup", str(tmp_path))
        ended = time.time()
        assert writer.stdout.readline(), (tmp_path / "writer.log").read_text()
    finally:
        later = committed_rounds(writer)
    commits = [float(line.split()[1]) for line in first] + later
    assert any(started < t < ended for t in commits), "the site wrote nothing during the backup"

    restored = installation("restored")  # a new database, never migrated
    restored.run("restore", str(the_backup(tmp_path)))
    site = json.loads(restored.run_python("-m", "lofte.ops.tests.busy_site", "check"))

    assert site["dangling"] == {}
    assert site["incomplete"] == []
    assert site["missing"] == []
    # The rounds of one moment: all committed up to some round, less those deleted by then.
    upto = max(site["rounds"]) + 1
    assert 3 <= upto <= len(commits)
    assert site["rounds"] == [r for r in range(upto) if not (r % 3 == 0 and r + 2 < upto)]
