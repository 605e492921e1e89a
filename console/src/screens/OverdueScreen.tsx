import BoardScreen from './BoardScreen';

/** Overdue cases of the area (judged against the case clock, §8.1), to supervise or escalate. */
export default function OverdueScreen() {
  return <BoardScreen overdueOnly />;
}
