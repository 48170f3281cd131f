import ArgumentParser

BackpropCommand.main()
