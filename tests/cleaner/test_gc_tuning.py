import gc

from cleaner.gc_tuning import THRESHOLDS, tune_for_job


def test_tuning_freezes_the_loaded_heap_and_raises_the_thresholds():
    before = gc.get_threshold()
    try:
        tune_for_job()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()  # cycles are still collected
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
