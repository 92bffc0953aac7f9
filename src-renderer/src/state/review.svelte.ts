/** The review queue's state (#13 item 5): whether its panel is open. */
export class ReviewState {
  open = $state(false);
}
