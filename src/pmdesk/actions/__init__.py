"""Actions outside the table: quick capture from one typed line, backlog export, tracker links.

Core only (no Qt): the action table and the follow-through view call these.
"""
