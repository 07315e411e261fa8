"""Field reports from the desa: XLSForms for phones, KoboToolbox/ODK exports in, verification before counting."""
