// review's fast entry point takes only --stats and --list (its CommandSpec's fast.onlyWith), so it
// never starts a session: the build gives it this instead of the tutor and Inquirer, which a session
// loads. Reached anyway, it fails, and the whole program runs the line.
export function runReview(): never {
  throw new Error('a review session is not part of the fast entry point');
}
