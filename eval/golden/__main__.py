from eval.golden import main

main()
