"""The staff roles, declared once: the Editor and Publisher groups and what each may do.

Both the migrations and the tests' factories give the groups their permissions through
`roles_grant`, so a role cannot mean one thing in a database and another in the tests.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q


def _permissions(app_label, *codenames):
    return [(app_label, codename) for codename in codenames]


# Nobody in either group deletes articles, categories or laws: archiving keeps an article's
# history and its URLs. Removing a legal-basis, related-article or checker row is an edit of the
# article (kept in its history), so both groups may delete those rows. Both read what readers say
# and search for; nobody edits it. Dated policy parameters are only ever added to or closed, never
# deleted.
EDITOR = [
    *_permissions(
        "faq",
        "add_article", "change_article", "view_article",
        "add_articlelegalreference", "change_articlelegalreference", "delete_articlelegalreference",
        "view_articlelegalreference",
        "add_relatedarticle", "change_relatedarticle", "delete_relatedarticle", "view_relatedarticle",
        "add_articlechecker", "change_articlechecker", "delete_articlechecker", "view_articlechecker",
        "change_waitingrelatedtitle", "view_waitingrelatedtitle",
        "add_legalreference", "change_legalreference", "view_legalreference",
        "view_category",
        "view_articlefeedback", "view_searchcount", "view_zeroresultsearch", "view_slughistory",
        # Synonyms are search wording, kept up from the searches that found nothing.
        "add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup",
        "view_articlechange",
    ),
    *_permissions(
        "policy",
        "add_regionalperiod", "change_regionalperiod", "view_regionalperiod",
        "add_requiredyearsrule", "change_requiredyearsrule", "view_requiredyearsrule",
    ),
    # The help block under every answer; what it says goes live on save, so only Publishers change it.
    *_permissions("portal", "view_sitesettings"),
    # How the content serves readers: the dashboard.
    *_permissions("insights", "view_pageviewcount", "view_checkerusecount"),
]
PUBLISHER = EDITOR + [
    # Public notes on what changed are a publisher's word to readers.
    *_permissions(
        "faq", "publish_article", "add_category", "change_category",
        "add_articlechange", "change_articlechange", "delete_articlechange",
    ),
    *_permissions("portal", "change_sitesettings"),
    # Keys for integrators: who may use the API beyond one address's limits, and how much.
    *_permissions("apikeys", "add_apikey", "change_apikey", "view_apikey", "view_apikeyusage"),
]

ROLES = {"Editor": EDITOR, "Publisher": PUBLISHER}


def roles_grant(apps=global_apps):
    """Create the groups and give each exactly its declared permissions.

    `apps` is the migration's historical registry when a migration calls this. A permission whose
    model does not exist yet at that point of the migrations is skipped: the migration that comes
    after the model grants it.
    """
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        # A historical registry's apps have no models module, which create_permissions wants.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, declared in ROLES.items():
        wanted = Q()
        for app_label, codename in declared:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(wanted))


def roles_remove(apps=global_apps):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
