// Package testsupport holds helpers shared by the tests of several
// packages. Only tests import it.
package testsupport
