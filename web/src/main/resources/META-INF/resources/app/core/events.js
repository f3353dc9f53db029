// What the shell shows about the app as a whole: a service that is down, the live stream's state.
export const appEvents = new EventTarget();

export function announce(type, detail) {
  appEvents.dispatchEvent(new CustomEvent(type, {detail}));
}
