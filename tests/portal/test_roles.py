"""The roles the migrations gave the groups are the ones portal/roles.py declares."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.roles import ROLES, roles_grant

pytestmark = pytest.mark.django_db


def _granted(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.parametrize("name", ROLES)
def test_every_declared_permission_exists_and_the_migrated_group_has_exactly_those(name):
    existing = set(Permission.objects.values_list("content_type__app_label", "codename"))

    assert set(ROLES[name]) <= existing
    assert _granted(name) == set(ROLES[name])


def test_granting_again_restores_the_declared_roles_and_drops_anything_else():
    Group.objects.filter(name="Editor").delete()
    publisher = Group.objects.get(name="Publisher")
    publisher.permissions.add(Permission.objects.get(content_type__app_label="faq", codename="delete_article"))

    roles_grant()

    assert _granted("Editor") == set(ROLES["Editor"])
    assert _granted("Publisher") == set(ROLES["Publisher"])
