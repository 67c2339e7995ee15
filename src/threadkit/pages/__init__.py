"""Reading web pages from elsewhere: the article and its comment thread."""
