"""Each existing promise gets its kommun: its area's, else the one whose SCB code begins the
area's code (RegSO 1480R006, DeSO 1480C1010, the kommun 1480 itself). Promises left without
one are named here and by `lofte check --database default`; the admin asks for a kommun the
next time such a promise is saved."""

import sys

from django.db import migrations


def kommun_code(area_code):
    """Return the SCB kommun code that begins an area code, or None."""
    code = area_code.strip()
    head, rest = code[:4], code[4:]
    if len(head) == 4 and head.isdigit() and not rest[:1].isdigit():
        return head
    return None


def assign_kommuner(apps, schema_editor):
    Promise = apps.get_model("promises", "Promise")
    Kommun = apps.get_model("kommuner", "Kommun")
    by_code = dict(Kommun.objects.values_list("code", "pk"))
    left = []
    for promise in Promise.objects.filter(kommun__isnull=True).select_related("area"):
        kommun_id = promise.area.kommun_id or by_code.get(kommun_code(promise.area.code))
        if kommun_id is None:
            left.append(promise.slug)
            continue
        Promise.objects.filter(pk=promise.pk).update(kommun_id=kommun_id)
    if left:
        sys.stdout.write(
            f"\n  {len(left)} promise(s) have no municipality yet: {', '.join(sorted(left))}. "
            "Choose one for each in the admin.\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("promises", "0004_promise_kommun"),
        ("areas", "0004_areas_record_who_added_them"),
    ]

    operations = [migrations.RunPython(assign_kommuner, migrations.RunPython.noop)]
