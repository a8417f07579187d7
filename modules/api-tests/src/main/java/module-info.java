/**
 * Quire API tests: black-box tests of the Morphik API over real HTTP (the test sources). The
 * module has no main code of its own; its tests run on the class path so they can hand plugin
 * factories, whose packages are not exported, straight to the server.
 */
module quire.api.tests {
}
