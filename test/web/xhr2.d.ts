/** xhr2 ships no types: an XMLHttpRequest for Node, used only to run botframework-directlinejs in tests. */
declare module 'xhr2' {
  const XMLHttpRequestForNode: typeof XMLHttpRequest;
  export = XMLHttpRequestForNode;
}
