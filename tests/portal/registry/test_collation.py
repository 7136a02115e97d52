from portal.registry.collation import compare, danish_sort_key


def danish_sorted(names):
    return sorted(names, key=danish_sort_key)


def test_ae_oe_aa_come_after_z_in_that_order():
    assert danish_sorted(["Åbo", "Zealand", "Østergade", "Æble", "Abe"]) == [
        "Abe",
        "Zealand",
        "Æble",
        "Østergade",
        "Åbo",
    ]


def test_double_a_is_read_as_aa():
    assert danish_sorted(["Aabenraa Bryghus", "Zealand", "Åen", "Abe", "Åbenrå"]) == [
        "Abe",
        "Zealand",
        "Åbenrå",
        "Aabenraa Bryghus",
        "Åen",
    ]


def test_german_and_swedish_letters_sort_with_their_danish_sisters():
    assert danish_sorted(["Öresund", "Ørsted", "Äble", "Ærø", "Østrig"]) == [
        "Äble",
        "Ærø",
        "Öresund",
        "Ørsted",
        "Østrig",
    ]


def test_case_and_accents_on_other_letters_do_not_decide_the_order():
    assert danish_sorted(["café Zenit", "Cafe Alfa", "CAFÉ Bøgen"]) == [
        "Cafe Alfa",
        "CAFÉ Bøgen",
        "café Zenit",
    ]


def test_compare_is_consistent_with_the_key():
    assert compare("Zealand", "Aabenraa") < 0
    assert compare("Aabenraa", "Zealand") > 0
    assert compare("Haderslev", "Haderslev") == 0
    assert compare("haderslev", "Haderslev") != 0
