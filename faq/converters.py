class UnicodeSlugConverter:
    """Like Django's "slug" converter, but accepts the Chinese letters allow_unicode slugs contain."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
