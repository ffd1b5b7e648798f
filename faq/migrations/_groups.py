"""Shared by the migrations that give the Editor and Publisher groups their permissions."""

from django.contrib.auth.management import create_permissions


def grant(apps, permissions):
    """Give each group in `permissions` ({group: [(app_label, codename), ...]}) those permissions."""
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in permissions.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
