"""Porting case studies: public models rewritten here from their published architecture, ported with the helper.

Each study names the model's repository, file, commit and licence, builds it
small in both frameworks (``keras_sources``: models published in Keras,
``torch_sources``: models published in PyTorch), copies the weights with
``port_weights`` alone, and compares eval outputs and one training step
(``harness``). ``record`` writes ``data/case_studies.json``; the test suite
re-runs every study in one process and holds it to the record.
"""
