"""The base of every form: WTForms' own messages ("This field is required.") come from our catalogs.

WTForms ships no Indonesian translation, so its built-in messages are looked up in the app's
catalog instead; app/web/wtforms_messages.py lists them so that extraction finds them.
"""
from flask_babel import get_translations, gettext
from flask_wtf import FlaskForm


class _AppCatalog:
    def gettext(self, string):
        return gettext(string)

    def ngettext(self, singular, plural, n):
        # WTForms fills in %(max)d itself; flask_babel.ngettext would fill in only %(num)s and raise KeyError.
        return get_translations().ngettext(singular, plural, n)


_CATALOG = _AppCatalog()


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CATALOG
