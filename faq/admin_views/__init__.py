"""The article admin's own pages beyond add, change and list: import, export, history.

ArticleAdmin registers them in its get_urls; each view gets the model admin it serves, for its
permissions, its site and its messages, as Django's own admin views do.
"""
