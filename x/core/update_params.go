package core

// Authority is an account address as a parameter update names and compares
// it.
type Authority[A any] interface {
	Equal(A) bool
	String() string
}

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked. Each module names its own instance
// (type UpdateParams = core.UpdateParams[authtypes.Address, Params]).
type UpdateParams[A Authority[A], P any] struct {
	Authority A
	Params    P
}

// ParseUpdateParams checks a MsgUpdateParams without state, for every
// module alike: the authority must decode (ErrInvalidAddress), the
// parameters be present, convert with fromProto and pass validate
// (ErrInvalidRequest, "params: " and the reason).
func ParseUpdateParams[A Authority[A], P any, W any](authority string, parseAddress func(string) (A, error), params *W, fromProto func(*W) (P, error), validate func(P) error) (UpdateParams[A, P], error) {
	a, err := parseAddress(authority)
	if err != nil {
		return UpdateParams[A, P]{}, ErrInvalidAddress.Wrapf("authority: %v", err)
	}
	if params == nil {
		return UpdateParams[A, P]{}, ErrInvalidRequest.Wrap("params are missing")
	}
	p, err := fromProto(params)
	if err != nil {
		return UpdateParams[A, P]{}, ErrInvalidRequest.Wrapf("params: %v", err)
	}
	if err := validate(p); err != nil {
		return UpdateParams[A, P]{}, ErrInvalidRequest.Wrapf("params: %v", err)
	}
	return UpdateParams[A, P]{Authority: a, Params: p}, nil
}

// ParamsUpdate is what a module supplies to apply a MsgUpdateParams to
// state of type S.
type ParamsUpdate[S any, P any] struct {
	// Module names the module in the "update_params" event.
	Module string
	// Unauthorized is the module's error for a signer other than the
	// authority.
	Unauthorized *Error
	// Complete, if set, checks the parameters against the current state
	// and fills in what the message does not carry. Its error is returned
	// as it is.
	Complete func(S, P) (P, error)
	// Set validates and stores the parameters. Its error is returned as
	// ErrInvalidRequest.
	Set func(S, P) error
}

// ApplyUpdateParams replaces a module's parameters if m is signed by
// authority, the chain's parameter authority (the gov module account), and
// emits an "update_params" event with the module and the authority. It
// fails, changing nothing, for any other signer (u.Unauthorized), for
// parameters Complete refuses, or for parameters Set refuses
// (ErrInvalidRequest).
func ApplyUpdateParams[S any, A Authority[A], P any](w S, ev *Events, authority A, m UpdateParams[A, P], u ParamsUpdate[S, P]) error {
	if !m.Authority.Equal(authority) {
		return u.Unauthorized.Wrapf("expected %s, got %s", authority, m.Authority)
	}
	p := m.Params
	if u.Complete != nil {
		var err error
		if p, err = u.Complete(w, p); err != nil {
			return err
		}
	}
	if err := u.Set(w, p); err != nil {
		return ErrInvalidRequest.Wrapf("params: %v", err)
	}
	ev.Emit("update_params", Attr("module", u.Module), Attr("authority", m.Authority.String()))
	return nil
}
