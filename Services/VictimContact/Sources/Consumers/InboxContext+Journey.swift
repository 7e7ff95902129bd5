import DurableMessaging
import EventContracts

/// Publishing a journey's events from a consumer, as ``CaseAction`` does for a request: the
/// same events under the same purposes, so each keeps one message id however it is caused.
extension InboxContext {
  /// Publishes a stage move's events, the change and the tasks it dropped, caused by
  /// `origin`.
  func emit(_ moved: StageChanger.Moved, origin: EventOrigin) throws {
    try emit(
      origin.envelope(moved.change, purpose: StageChanger.Moved.purpose(moved.change)),
      to: EventExchange.events)
    try emit(closedTasks: moved.droppedTasks, origin: origin)
  }

  /// Publishes `contact.task-closed` for each of `closed`, caused by `origin`.
  func emit(closedTasks closed: [ContactTaskClosed], origin: EventOrigin) throws {
    for task in closed {
      try emit(
        origin.envelope(task, purpose: StageChanger.Moved.purpose(task)),
        to: EventExchange.events)
    }
  }
}
