"""The review before a commit: git status of the site, the diff, the rendered before and after, commit."""
