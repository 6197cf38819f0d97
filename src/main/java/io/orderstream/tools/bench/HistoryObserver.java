package io.orderstream.tools.bench;

/**
 * What else happens at the history part's steps, such as the export part following the tables into
 * PostgreSQL. Each call comes when the tables are at rest and a manifest names their state.
 */
interface HistoryObserver {
  /** Observes nothing: the history part alone. */
  HistoryObserver NONE =
      new HistoryObserver() {
        @Override
        public void historyReady(int orders) {}

        @Override
        public void batchDone(int orders) {}
      };

  /**
   * The tables hold a history of {@code orders} orders, loaded or grown by copies, before its
   * batches.
   */
  void historyReady(int orders);

  /** One timed batch committed on top of the history of {@code orders} orders. */
  void batchDone(int orders);
}
