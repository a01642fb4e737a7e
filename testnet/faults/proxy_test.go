package faults_test

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet/faults"
)

// echoServer answers every line it reads with the same line.
func echoServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(c, c); _ = c.Close() }()
		}
	}()
	return l.Addr().String()
}

func roundTrip(conn net.Conn, line string) (string, error) {
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Write([]byte(line + "\n")); err != nil {
		return "", err
	}
	return bufio.NewReader(conn).ReadString('\n')
}

func TestAProxyForwardsCutsAndHeals(t *testing.T) {
	p, err := faults.NewProxy("127.0.0.1:0", echoServer(t))
	require.NoError(t, err)
	defer p.Close()

	before, err := net.Dial("tcp", p.Addr())
	require.NoError(t, err)
	got, err := roundTrip(before, "hello")
	require.NoError(t, err)
	require.Equal(t, "hello\n", got, "bytes pass through both ways")

	p.Cut()
	_, err = roundTrip(before, "after the cut")
	require.Error(t, err, "a connection open at the cut is closed")
	during, err := net.Dial("tcp", p.Addr())
	require.NoError(t, err, "the listener stays, as a peer's port would")
	_, err = roundTrip(during, "refused")
	require.Error(t, err, "a new connection is closed at once while cut")

	p.Heal()
	after, err := net.Dial("tcp", p.Addr())
	require.NoError(t, err)
	got, err = roundTrip(after, "healed")
	require.NoError(t, err)
	require.Equal(t, "healed\n", got)
}
