"""One module per page template (an outlet, a CMS family or a portal). Register new ones in `parsers.registry`."""
