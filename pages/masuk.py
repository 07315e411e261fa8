"""Masuk: the only page a logged-out visitor can reach (the frame registers nothing else)."""

from ui import auth, frame, state

frame.ensure_frame()
auth.render_login(state.current_lang())
