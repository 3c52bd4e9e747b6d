import pytest

from grantreports.common.slugs import SlugError, slugify


@pytest.mark.parametrize(
    "number, slug",
    [
        ("2023.LV/NVOF/MAC/041/58", "2023-lv-nvof-mac-041-58"),
        ("9.2.1.1./15/I/001", "9-2-1-1-15-i-001"),
        ("../../x", "x"),
        ("a/b", "a-b"),
        ("Ķekava–Nr. 7", "kekava-nr-7"),
        ("CON", "grant-con"),
    ],
)
def test_slugs_are_readable_and_cannot_leave_the_outputs_folder(number, slug):
    assert slugify(number) == slug


@pytest.mark.parametrize("number", ["", "///", "…"])
def test_numbers_without_letters_or_digits_are_refused(number):
    with pytest.raises(SlugError, match="at least one letter or digit"):
        slugify(number)


def test_overlong_numbers_are_refused():
    with pytest.raises(SlugError, match="at most 80"):
        slugify("x" * 300)
