"""Verifikasi, the Streamlit side: the waiting list (cached on the store version), one card per report, actions.

Every action writes through analytics.fieldreports.verification (one transaction, audited), leaves a one-line
flash for the next run and reruns, so the list, the counts and every score follow at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.fieldreports import verification as vf
from analytics.i18n.catalog import DEFAULT_LANG, t
from analytics.ingest.categories import category_labels
from analytics.penanganan.compliance import reporter_table
from analytics.store.queries import read_field_submissions
from analytics.views.plain_words import format_date, format_number, wita_time, wita_words
from ui import cache

FLASH_KEY = "verifikasi_pesan"
MAX_CARDS = 30  # a long backlog is worked through from the top; the count says how many wait


@st.cache_data(max_entries=2, show_spinner=False)
def _waiting(url: str, v: int) -> tuple[pd.DataFrame, dict[int, pd.DataFrame]]:
    return vf.waiting_with_duplicates(cache.engine())


def waiting() -> tuple[pd.DataFrame, dict[int, pd.DataFrame]]:
    """Return the waiting kejadian (oldest first) and their possible duplicates."""
    return _waiting(*cache.key())


@st.cache_data(max_entries=2, show_spinner=False)
def _counts(url: str, v: int) -> dict[str, int]:
    return vf.count_by_status(cache.engine())


def counts() -> dict[str, int]:
    """Return the number of kejadian per status."""
    return _counts(*cache.key())


def place_name(kode_kecamatan: str, kode_desa: object) -> str:
    """Return 'Desa (Kecamatan)' (or the kecamatan alone) from the gazetteer."""
    if isinstance(kode_desa, str) and kode_desa:
        return cache.desa_names().get(kode_desa, kode_desa)  # already "Desa (Kecamatan)"
    return cache.kecamatan_names().get(kode_kecamatan, kode_kecamatan)


def score_of(scores: pd.DataFrame, kode_desa: object) -> float | None:
    """Return the current score of a desa (None for kecamatan-level reports)."""
    if not isinstance(kode_desa, str) or scores.empty:
        return None
    found = scores.loc[scores["kode"] == kode_desa, "skor"]
    return float(found.iloc[0]) if len(found) else None


def flash(message: str) -> None:
    """Remember a confirmation for the next run and rerun."""
    st.session_state[FLASH_KEY] = message
    st.rerun()


def render_flash() -> None:
    """Show the confirmation of the last action, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _act(action, done) -> None:
    """Run action; on success flash done (text, or a function returning it once the write is visible)."""
    try:
        action()
    except vf.VerificationError as error:
        st.error(str(error))
    else:
        flash(done() if callable(done) else done)


def score_change(kode_desa: object, before: float | None, end, lang: str = DEFAULT_LANG) -> str:
    """Return ' Skor desa X: a → b.' comparing a desa's score before and after a decision ('' for no desa)."""
    after = score_of(cache.desa_scores(end), kode_desa)  # the store version moved, so this is recomputed
    if before is None or after is None:
        return ""
    name = cache.desa_names().get(kode_desa, kode_desa)
    return " " + t("vf_score_change", lang, desa=name, before=format_number(before, 1, lang=lang),
                   after=format_number(after, 1, lang=lang))


def render_card(row, duplicates: pd.DataFrame, scores: pd.DataFrame, end, user: str,
                lang: str = DEFAULT_LANG) -> None:
    """Draw one waiting report: its facts, possible duplicates, and approve / reject / merge."""
    rid = int(row.id)
    kategori = category_labels(lang).get(row.kategori, row.kategori)
    with st.container(border=True, key=f"vf_kartu_{rid}"):
        # heading from controlled values only (id, date, gazetteer names, kategori labels): safe as Markdown
        st.markdown("**" + t("vf_item", lang, id=rid, tanggal=format_date(row.tanggal, lang),
                                tempat=place_name(row.kode_kecamatan, row.kode_desa), kategori=kategori) + "**")
        skor = score_of(scores, row.kode_desa)
        facts = pd.DataFrame([{
            t("vf_col_jenis", lang): row.jenis, t("vf_col_uraian", lang): row.uraian,
            t("vf_col_md", lang): int(row.korban_meninggal), t("vf_col_ll", lang): int(row.korban_luka),
            t("vf_col_pelapor", lang): " / ".join(str(v) for v in (row.reporter_role, row.submitted_by) if isinstance(v, str)),
            t("vf_col_diterima", lang): wita_time(row.diterima, lang, no_data=""),
            t("vf_col_skor", lang): skor,
        }])
        # user text (uraian, names) only ever inside a dataframe: shown as text, never as markup
        st.dataframe(facts, hide_index=True, width="stretch")
        if isinstance(row.status_reason, str) and row.status_reason:
            st.text(row.status_reason)
        if duplicates.empty:
            st.caption(t("vf_no_duplicates", lang))
        else:
            st.caption(t("vf_duplicates", lang))
            shown = duplicates.assign(tanggal=duplicates["tanggal"].map(lambda d: format_date(d, lang)),
                                      kategori=duplicates["kategori"].map(lambda k: category_labels(lang).get(k, k)))
            st.dataframe(shown[["id", "tanggal", "kategori", "jenis", "uraian", "korban_meninggal", "korban_luka",
                                "status"]], hide_index=True, width="stretch")
        approve, reject, merge = st.columns([1, 2, 2])
        if approve.button(t("vf_approve", lang), key=f"vf_setuju_{rid}", type="primary", icon=":material/done:"):
            _act(lambda: vf.set_status(cache.engine(), [rid], vf.TERVERIFIKASI, user),
                 lambda: t("vf_done_approve", lang, id=rid) + score_change(row.kode_desa, skor, end, lang))
        reason = reject.text_input(t("vf_reason", lang), key=f"vf_alasan_{rid}")
        if reject.button(t("vf_reject", lang), key=f"vf_tolak_{rid}", icon=":material/block:"):
            if not reason.strip():
                reject.error(t("vf_reason_needed", lang))
            else:
                _act(lambda: vf.set_status(cache.engine(), [rid], vf.DITOLAK, user, reason=reason),
                     t("vf_done_reject", lang, id=rid))
        targets = duplicates["id"].astype(int).tolist()
        # the possible duplicates are offered; any other kejadian number can be typed in
        target = merge.selectbox(t("vf_merge_target", lang), targets, key=f"vf_tujuan_{rid}",
                                 index=0 if targets else None, accept_new_options=True,
                                 placeholder=t("vf_merge_placeholder", lang),
                                 format_func=lambda i: f"#{i}" if isinstance(i, int) else str(i))
        if merge.button(t("vf_merge", lang), key=f"vf_gabung_{rid}", icon=":material/merge:"):
            number = str(target or "").strip().lstrip("#")
            if not number.isdigit():
                merge.error(t("vf_merge_needed", lang))
            else:
                _act(lambda: vf.merge_into(cache.engine(), rid, int(number), user),
                     t("vf_done_merge", lang, id=rid, target=int(number)))


def decisions_frame(decisions: pd.DataFrame, scores: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the latest decisions as shown: place names, status, reason, who, when and the desa's score now."""
    if decisions.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        t("vf_col_id", lang): decisions["id"],
        t("vf_col_tempat", lang): [place_name(k, d) for k, d in zip(decisions["kode_kecamatan"], decisions["kode_desa"])],
        t("vf_col_kategori", lang): decisions["kategori"].map(category_labels(lang)).fillna(decisions["kategori"]),
        t("vf_col_status", lang): decisions["status"],
        t("vf_col_alasan", lang): decisions["status_reason"].fillna(""),
        t("vf_col_oleh", lang): decisions["status_by"],
        t("vf_col_pada", lang): wita_words(decisions["status_at"], lang),
        t("vf_col_skor", lang): [score_of(scores, d) for d in decisions["kode_desa"]],
    })


def render_decisions(scores: pd.DataFrame, lang: str = DEFAULT_LANG) -> None:
    """Draw the latest decisions (uncached: the table must show the very last one)."""
    frame = decisions_frame(vf.read_decisions(cache.engine()), scores, lang)
    st.subheader(t("vf_recent", lang))
    if frame.empty:
        st.caption(t("vf_recent_none", lang))
    else:
        st.dataframe(frame, hide_index=True, width="stretch", key="vf_keputusan")


@st.cache_data(max_entries=8, show_spinner=False)
def _reporters(url: str, v: int, start, end) -> pd.DataFrame:
    return reporter_table(read_field_submissions(cache.engine()), start, end, end)


def render_reporters(start, end, lang: str = DEFAULT_LANG) -> None:
    """Draw the field reporters of the period: verified phone reports sent, the last one, who has not sent."""
    frame = _reporters(*cache.key(), start, end)
    st.subheader(t("vf_reporters", lang))
    st.caption(t("vf_reporters_caption", lang))
    if frame.empty:
        st.info(t("vf_reporters_none", lang))
        return
    shown = frame.assign(terakhir=frame["terakhir"].map(lambda d: format_date(d, lang)))
    st.dataframe(shown.rename(columns={c: t(f"vf_rep_{c}", lang) for c in shown.columns}), hide_index=True,
                 width="stretch", key="vf_pelapor")
