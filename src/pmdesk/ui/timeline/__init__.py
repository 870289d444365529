"""The timeline canvas: the story the room walks through, editable in place."""
