"""Places of Kabupaten Malinau: the gazetteer, resolving written names to Kemendagri codes, official boundary files and the schematic map."""
