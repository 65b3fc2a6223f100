"""The Pygame front end: a frame loop, a stack of scenes, one input adapter, a headless pilot.

Scenes draw from frozen engine snapshots and change the game only through the session's
commands; nothing here is imported by `ripple.engine`.
"""
