"""A second, independent generator of labelled fixtures (`tenths-fixture/1`); see README.md."""
